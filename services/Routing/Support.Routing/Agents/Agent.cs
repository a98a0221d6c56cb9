using Support.Hosting.Data;

namespace Support.Routing.Agents;

public class Agent : IVersioned
{
    public const int NameMaxLength = 200;
    public const int MaxCapacity = 1000;
    public const int SkillMaxLength = 50;
    public const int MinSkillLevel = 1;
    public const int MaxSkillLevel = 5;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public List<int> GroupIds { get; set; } = [];
    public List<AgentSkill> Skills { get; set; } = [];

    /// <summary>The most open tickets the agent holds at once.</summary>
    public int Capacity { get; set; }
    public AgentStatus Status { get; set; } = AgentStatus.Offline;
    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>Open tickets the agent holds now, whoever assigned them.</summary>
    public int Load { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }

    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool CanTakeTicket => Status == AgentStatus.Online && Load < Capacity;
    public int SpareCapacity => Capacity - Load;

    public int LevelOf(string skill) => Skills.FirstOrDefault(s => string.Equals(s.Name, skill, StringComparison.OrdinalIgnoreCase))?.Level ?? 0;
}
