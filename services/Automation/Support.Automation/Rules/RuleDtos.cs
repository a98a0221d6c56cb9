namespace Support.Automation.Rules;

/// <summary>The body of POST (a trigger, an automation): position none: after the last; active none: true.</summary>
public record CreateRuleRequest(string? Name, int? Position, bool? Active, RuleConditions? Conditions, IReadOnlyList<RuleAction?>? Actions);

/// <summary>The body of PATCH: send only the fields to change; conditions and actions are replaced whole.</summary>
public record UpdateRuleRequest(string? Name, int? Position, bool? Active, RuleConditions? Conditions, IReadOnlyList<RuleAction>? Actions);

/// <summary>A trigger or an automation, with how often it fired.</summary>
public record RuleResponse(
    int Id, string Name, int Position, bool Active, RuleConditions Conditions, IReadOnlyList<RuleAction> Actions,
    int FiredCount, DateTimeOffset? LastFiredAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RuleResponse From(Rule r, RuleFirings? firings) =>
        new(r.Id, r.Name, r.Position, r.Active, r.Conditions, r.Actions, firings?.Count ?? 0, firings?.LastFiredAt, r.CreatedAt, r.UpdatedAt);
}
