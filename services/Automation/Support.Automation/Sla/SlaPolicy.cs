using Support.Hosting.Data;

namespace Support.Automation.Sla;

/// <summary>An SLA policy: the ordered policies are tried by position, and the first whose conditions the ticket meets applies.</summary>
public class SlaPolicy : IVersioned
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int Position { get; set; }
    public SlaConditions Conditions { get; set; } = new();
    public List<SlaPolicyTarget> Targets { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
