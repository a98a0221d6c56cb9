using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// A person's assignment is respected and counted in the agent's load; unassigning sends the ticket back to
/// routing. Routing's own assignments, echoed back by the Ticket service, are already applied.
/// </summary>
public sealed class TicketAssignedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketAssignedConsumer> logger, TicketRouter router)
    : InboxConsumer<TicketAssigned, RoutingDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketAssigned assigned) => assigned.Actor == TicketRouter.Actor;

    protected override async Task Handle(ConsumeContext<TicketAssigned> context)
    {
        var assigned = context.Message;
        var ct = context.CancellationToken;

        await RoutingLock.EnterAsync(Db, ct);
        var ticket = await TicketLifecycle.FindOrPlaceholderAsync(Db, assigned.TicketId, RoutingState.Assigned, assigned.AssignedAt, ct);
        if (ticket.State == RoutingState.Resolved)
            return;
        ticket.UpdatedAt = Clock.Now();
        if (Db.Entry(ticket).State == Microsoft.EntityFrameworkCore.EntityState.Added)
        {
            ticket.GroupId = assigned.GroupId;
            if (assigned.AssigneeId is { } first)
                await router.HoldAsync(ticket, first, assigned.AssignedAt, ct);
            else
                ticket.State = RoutingState.Queued;
            return;
        }
        if (ticket.GroupId != assigned.GroupId && assigned.GroupId is not null)
        {
            ticket.GroupId = assigned.GroupId;
            ticket.EnteredGroupAt = assigned.AssignedAt;
        }
        if (ticket.AgentId == assigned.AssigneeId && ticket.State == RoutingState.Assigned)
            return;

        await router.ReleaseAsync(ticket, ct);
        if (assigned.AssigneeId is { } agentId)
            await router.HoldAsync(ticket, agentId, assigned.AssignedAt, ct);
        else
            await router.RouteAsync(ticket, preferredAgentId: null, groupId: ticket.GroupId, ct);
        await router.DrainAsync(ct);
    }
}
