using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Rules;

namespace Support.Automation.Triggers;

/// <summary>A rule run after every change of a ticket, in position order (see <see cref="TriggerRunner"/>).</summary>
public class Trigger : Rule, IRuleType
{
    public static RuleKind Kind => RuleKind.Trigger;
    public static string Resource => "Trigger";
    public static string Route => "/api/automation/triggers";

    public static Task<Dictionary<int, RuleFirings>> FiringsAsync(AutomationDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        db.TriggerFirings.Where(f => ids.Contains(f.TriggerId)).GroupBy(f => f.TriggerId)
            .Select(g => new RuleFirings(g.Key, g.Count(), g.Max(f => (DateTimeOffset?)f.FiredAt)))
            .ToDictionaryAsync(f => f.RuleId, ct);
}
