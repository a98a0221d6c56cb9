using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Rules;

namespace Support.Automation.Automations;

/// <summary>
/// A time-based automation: checked by the <see cref="AutomationScanner"/> against every ticket not closed; it acts on
/// a ticket once per period, the time its first time condition counts from (the status change of "hours since status
/// changed"), so it acts again only after the ticket left and re-entered that state.
/// </summary>
public class AutomationRule : Rule, IRuleType
{
    public static RuleKind Kind => RuleKind.Automation;
    public static string Resource => "Automation";
    public static string Route => "/api/automation/automations";

    public static Task<Dictionary<int, RuleFirings>> FiringsAsync(AutomationDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        db.AutomationFirings.Where(f => ids.Contains(f.AutomationId)).GroupBy(f => f.AutomationId)
            .Select(g => new RuleFirings(g.Key, g.Count(), g.Max(f => (DateTimeOffset?)f.FiredAt)))
            .ToDictionaryAsync(f => f.RuleId, ct);

    /// <summary>The time condition whose start is the period (validation makes sure there is one).</summary>
    public string PeriodField => Conditions.All.First(c => RuleCatalog.IsTime(c.Field!)).Field!;
}
