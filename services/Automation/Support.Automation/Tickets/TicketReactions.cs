using Support.Automation.Sla;
using Support.Automation.Triggers;

namespace Support.Automation.Tickets;

/// <summary>What a ticket's event sets off here, in the consumer's unit of work: its SLA clock moves, then the triggers run.</summary>
public sealed class TicketReactions(SlaTracker sla, TriggerRunner triggers)
{
    public async Task ReactAsync(TicketCopy ticket, TicketEvent change, CancellationToken ct)
    {
        await sla.TrackAsync(ticket, change, ct);
        await triggers.RunAsync(ticket, change, ct);
    }
}
