using MassTransit;
using Support.Contracts.Automation;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// Escalates a ticket whose SLA target was breached, when its group says so (escalateOnSlaBreach), the way every
/// escalation goes: to the group's escalation target, announced with TicketEscalated (trigger "sla_breach"). Once per
/// breach (the inbox), and only while the ticket still waits or is worked on in the group it breached in: a solved
/// ticket, or one that has moved on (escalated, rerouted) since, stays where it is.
/// </summary>
public sealed class SlaBreachedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<SlaBreachedConsumer> logger, TicketRouter router)
    : InboxConsumer<SlaBreached, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<SlaBreached> context)
    {
        var breach = context.Message;
        var ct = context.CancellationToken;
        await RoutingLock.EnterAsync(Db, ct);
        if (await Db.Tickets.FindAsync([breach.TicketId], ct) is not { State: not RoutingState.Resolved, GroupId: { } groupId } ticket
            || (breach.GroupId is { } breachedIn && breachedIn != groupId)
            || await Db.Groups.FindAsync([groupId], ct) is not { EscalateOnSlaBreach: true } group)
        {
            logger.LogInformation("SlaBreached for ticket {TicketId} ({Metric}): not escalated (solved, moved on since, or its group does not escalate on a breach)",
                breach.TicketId, breach.Metric);
            return;
        }
        var reason = $"{breach.Metric} SLA target breached (due {breach.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC) in {group.Name}";
        if (await router.EscalateAsync(ticket, "sla_breach", reason, TicketRouter.Actor, ct))
            await router.DrainAsync(ct);
    }
}
