using Support.Automation.Data;

namespace Support.Automation.Rules;

/// <summary>What <see cref="RulesApi{TRule}"/> needs to know of a kind of rule: its name, its validation and its firings.</summary>
public interface IRuleType
{
    static abstract RuleKind Kind { get; }
    static abstract string Resource { get; }
    static abstract string Route { get; }

    /// <summary>How often each of these rules fired, and when last.</summary>
    static abstract Task<Dictionary<int, RuleFirings>> FiringsAsync(AutomationDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct);
}

public sealed record RuleFirings(int RuleId, int Count, DateTimeOffset? LastFiredAt);
