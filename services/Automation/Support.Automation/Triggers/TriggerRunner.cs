using Support.Automation.Data;
using Support.Automation.Tickets;

namespace Support.Automation.Triggers;

/// <summary>Runs the active triggers over a ticket's change (written in the triggers' part of the issue).</summary>
public sealed class TriggerRunner(AutomationDbContext db, TimeProvider clock)
{
    public Task RunAsync(TicketCopy ticket, TicketEvent change, CancellationToken ct)
    {
        _ = (db, clock, ticket, change, ct);
        return Task.CompletedTask;
    }
}
