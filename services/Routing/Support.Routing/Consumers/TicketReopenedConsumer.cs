using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>A reopened ticket is routed again in its group, back to the agent who had it when they can take it.</summary>
public sealed class TicketReopenedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketReopenedConsumer> logger, TicketRouter router)
    : InboxConsumer<TicketReopened, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketReopened> context)
    {
        var reopened = context.Message;
        var ct = context.CancellationToken;
        var priority = EnumText.Parse<TicketPriority>(reopened.Priority)
            ?? throw new ArgumentException($"TicketReopened for ticket {reopened.TicketId} has priority '{reopened.Priority}', which is not a priority.");
        await RoutingLock.EnterAsync(Db, ct);
        var ticket = await TicketLifecycle.FindOrPlaceholderAsync(Db, reopened.TicketId, RoutingState.Resolved, reopened.ReopenedAt, ct);
        if (ticket.State != RoutingState.Resolved)
            return;
        ticket.Priority = priority;
        ticket.GroupId ??= reopened.GroupId;
        ticket.EnteredGroupAt = Clock.Now();
        ticket.QueuedAt = null;
        await router.RouteAsync(ticket, preferredAgentId: ticket.PreviousAgentId ?? reopened.AssigneeId, groupId: ticket.GroupId, ct);
    }
}
