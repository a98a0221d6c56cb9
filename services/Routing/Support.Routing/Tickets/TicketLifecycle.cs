using Microsoft.EntityFrameworkCore;
using Support.Routing.Assignment;
using Support.Routing.Classifier;
using Support.Routing.Data;

namespace Support.Routing.Tickets;

/// <summary>What the Ticket service's events do to routing's copy of a ticket, in the caller's locked unit of work.</summary>
public static class TicketLifecycle
{
    /// <summary>
    /// The copy of a ticket, or a placeholder when an event overtook its TicketCreated (events of one ticket travel
    /// in separate queues); <paramref name="state"/> is what that event says of it.
    /// </summary>
    public static async Task<RoutedTicket> FindOrPlaceholderAsync(RoutingDbContext db, int ticketId, RoutingState state, DateTimeOffset now, CancellationToken ct) =>
        await db.Tickets.FindAsync([ticketId], ct) ?? Placeholder(db, ticketId, state, now);

    /// <summary>The copies of a batch's tickets, read in one query; <see cref="FindOrPlaceholder"/> takes each from them.</summary>
    public static async Task<Dictionary<int, RoutedTicket>> LoadAsync(RoutingDbContext db, IEnumerable<int> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToList();
        return await db.Tickets.Where(t => ids.Contains(t.TicketId)).ToDictionaryAsync(t => t.TicketId, ct);
    }

    /// <summary>As <see cref="FindOrPlaceholderAsync"/>, from the tickets <see cref="LoadAsync"/> read (a placeholder joins them).</summary>
    public static RoutedTicket FindOrPlaceholder(RoutingDbContext db, Dictionary<int, RoutedTicket> loaded, int ticketId, RoutingState state, DateTimeOffset now)
    {
        if (!loaded.TryGetValue(ticketId, out var ticket))
            loaded[ticketId] = ticket = Placeholder(db, ticketId, state, now);
        return ticket;
    }

    private static RoutedTicket Placeholder(RoutingDbContext db, int ticketId, RoutingState state, DateTimeOffset now) =>
        db.Tickets.Add(new RoutedTicket { TicketId = ticketId, State = state, CreatedAt = now, EnteredGroupAt = now, UpdatedAt = now }).Entity;

    /// <summary>Solved or closed: the agent's capacity frees up, the ticket leaves the queue, and its category becomes a label to learn from.</summary>
    public static async Task ResolveAsync(RoutingDbContext db, TicketRouter router, RoutedTicket ticket, DateTimeOffset now, CancellationToken ct)
    {
        if (ticket.State == RoutingState.Resolved)
            return;
        await router.ReleaseAsync(ticket, ct);
        ticket.State = RoutingState.Resolved;
        ticket.QueuedAt = null;
        ticket.EscalationDueAt = null;
        ticket.UpdatedAt = now;
        await ClassifierExamples.RecordAsync(db, ticket, now, ct);
    }
}
