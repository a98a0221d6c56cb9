namespace Support.Automation.Rules;

/// <summary>A rule's conditions: every one of <see cref="All"/> holds, and one of <see cref="Any"/> when it has any.</summary>
public sealed record RuleConditions
{
    public List<RuleCondition> All { get; init; } = [];
    public List<RuleCondition> Any { get; init; } = [];

    public bool UsesBusinessHours() => All.Concat(Any).Any(c => c.Field == "withinBusinessHours");
}
