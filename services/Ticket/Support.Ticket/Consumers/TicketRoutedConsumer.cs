using MassTransit;
using Support.Contracts.Routing;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Consumers;

/// <summary>
/// Applies a routing decision to the ticket, as any assignment is applied: audited, and announced with
/// TicketAssigned. The decision is the whole result: no agent means the ticket waits unassigned in the group's
/// queue; no group leaves the group as it is. A decision arriving after the ticket was solved or closed is dropped,
/// and so is one made before the ticket's assignee last changed (a person assigned it meanwhile): it is stale.
/// Decisions come in batches, applied in one transaction to the tickets read in one query.
/// </summary>
public sealed class TicketRoutedConsumer(TicketDbContext db, TimeProvider clock, ILogger<TicketRoutedConsumer> logger)
    : InboxBatchConsumer<TicketRouted, TicketDbContext>(db, clock, logger)
{
    public static bool IsValid(TicketRouted routed) => (routed.AgentId is null or > 0) && (routed.GroupId is null or > 0);

    protected override Task PrepareAsync(IReadOnlyList<ConsumeContext<TicketRouted>> messages, CancellationToken ct) =>
        Db.LockTicketsAsync(messages.Select(m => m.Message.TicketId), ct);

    protected override async Task Handle(ConsumeContext<TicketRouted> context)
    {
        var routed = context.Message;
        // Not transient: no retry helps, so the message goes straight to the _error queue with this exception.
        if (!IsValid(routed))
            throw new ArgumentException($"TicketRouted for ticket {routed.TicketId} names agent {routed.AgentId} and group {routed.GroupId}; ids are positive.");
        var ticket = await Db.Tickets.FindAsync([routed.TicketId], context.CancellationToken);
        if (ticket is null || ticket.Status is TicketStatus.Solved or TicketStatus.Closed || ticket.AssignedAt > routed.RoutedAt)
            return;

        var now = Clock.Now();
        var before = TicketSnapshot.Of(ticket);
        if (routed.GroupId is not null)
            ticket.GroupId = routed.GroupId;
        if (routed.AgentId != ticket.AssigneeId)
        {
            ticket.Assign(routed.AgentId, now);
            ticket.AssignedAt = routed.RoutedAt;
        }
        if (TicketHistory.RecordChanges(Db, before, ticket, Actors.Routing, now).Count > 0)
        {
            ticket.UpdatedAt = now;
            ticket.Version++;
        }
    }
}
