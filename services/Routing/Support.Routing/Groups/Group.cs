using Support.Hosting.Data;

namespace Support.Routing.Groups;

/// <summary>A team or tier of agents, with how tickets are handed out in it and where they go when they wait too long.</summary>
public class Group : IVersioned
{
    public const int NameMaxLength = 100;
    public const int MaxTier = 9;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Tier { get; set; } = 1;
    public RoutingPolicy Policy { get; set; }
    public int? EscalatesToId { get; set; }
    public bool IsDefault { get; set; }

    /// <summary>A ticket still waiting for an agent this many minutes after entering the group escalates.</summary>
    public int? EscalateUnassignedAfterMinutes { get; set; }

    /// <summary>An assigned ticket without a public agent reply this many minutes after assignment escalates.</summary>
    public int? EscalateUnansweredAfterMinutes { get; set; }

    /// <summary>Urgent tickets skip this tier and go straight to the escalation target.</summary>
    public bool EscalateUrgent { get; set; }

    /// <summary>A ticket of this group whose SLA target is breached (Automation's SlaBreached) goes to the escalation target.</summary>
    public bool EscalateOnSlaBreach { get; set; }

    /// <summary>The agent who got this group's last round-robin ticket: the turn passes to the next id.</summary>
    public int? RoundRobinLastAgentId { get; set; }

    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
