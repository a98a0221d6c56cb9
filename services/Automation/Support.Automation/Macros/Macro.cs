using Support.Automation.Rules;
using Support.Hosting.Data;

namespace Support.Automation.Macros;

/// <summary>
/// A macro: actions an agent applies to a ticket in one go (fields, tags, a comment). Shared (made by an admin, every
/// agent uses it) or personal (its owner's alone).
/// </summary>
public class Macro : IVersioned
{
    public const int TitleMaxLength = 100, DescriptionMaxLength = 1000;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<RuleAction> Actions { get; set; } = [];
    /// <summary>Whose personal macro it is ("agent:7"); null: shared.</summary>
    public string? Owner { get; set; }
    public bool Active { get; set; } = true;
    public int UsageCount { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
