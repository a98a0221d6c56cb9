using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Rules;
using Support.Hosting.Data;

namespace Support.Automation.Automations;

/// <summary>
/// Adds Zendesk's usual automations at the first start (no automation yet), so a new team has them; once there are
/// automations, the admin's deletions and edits are kept. The pending reminder uses the Channels template
/// "agent-reply" (Channels has no reminder template of its own yet).
/// </summary>
public sealed class BuiltInAutomations(IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public static readonly IReadOnlyList<(string Name, RuleConditions Conditions, List<RuleAction> Actions)> All =
    [
        ("Close tickets solved for 4 days",
            new RuleConditions { All = [new("status", RuleCatalog.Is, "solved"), new("hoursSinceStatusChanged", RuleCatalog.AtLeast, "96")] },
            [new("status", "closed")]),
        ("Remind the requester after 3 days pending",
            new RuleConditions
            {
                All = [new("status", RuleCatalog.Is, "pending"), new("hoursSinceStatusChanged", RuleCatalog.AtLeast, "72"), new("hoursSinceStatusChanged", RuleCatalog.LessThan, "168")],
            },
            [new("notify", Recipient: "requester", Template: "agent-reply")]),
        ("Solve tickets pending for 7 days",
            new RuleConditions { All = [new("status", RuleCatalog.Is, "pending"), new("hoursSinceStatusChanged", RuleCatalog.AtLeast, "168")] },
            [new("status", "solved")]),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutomationDbContext>();
        if (await db.Automations.AnyAsync(cancellationToken))
            return;
        var now = clock.Now();
        var position = 0;
        foreach (var (name, conditions, actions) in All)
            db.Automations.Add(new AutomationRule
            {
                Name = name, Position = position++, Active = true, Conditions = conditions, Actions = actions,
                CreatedAt = now, UpdatedAt = now, Version = 1,
            });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another replica added them first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
