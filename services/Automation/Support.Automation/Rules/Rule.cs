using Support.Hosting.Data;

namespace Support.Automation.Rules;

/// <summary>What triggers and time-based automations share: ordered by position (then id), active or not, conditions and actions.</summary>
public abstract class Rule : IVersioned
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public bool Active { get; set; } = true;
    public RuleConditions Conditions { get; set; } = new();
    public List<RuleAction> Actions { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
