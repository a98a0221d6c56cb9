using Support.Automation.Data;
using Support.Automation.Tickets;

namespace Support.Automation.Sla;

public sealed class SlaTracker(AutomationDbContext db, TimeProvider clock)
{
    public Task TrackAsync(TicketCopy ticket, TicketEvent change, CancellationToken ct)
    {
        _ = (db, clock, ticket, change, ct);
        return Task.CompletedTask;
    }
}
