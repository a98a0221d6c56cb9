using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// Solved tickets free their agents' capacity, and the queues the agents serve drain: a batch of solves under one lock,
/// then one drain.
/// </summary>
public sealed class TicketSolvedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketSolvedConsumer> logger, TicketRouter router)
    : InboxBatchConsumer<TicketSolved, RoutingDbContext>(db, clock, logger)
{
    private Dictionary<int, RoutedTicket> tickets = [];

    protected override async Task PrepareAsync(IReadOnlyList<ConsumeContext<TicketSolved>> messages, CancellationToken ct)
    {
        await RoutingLock.EnterAsync(Db, ct);
        tickets = await TicketLifecycle.LoadAsync(Db, messages.Select(m => m.Message.TicketId), ct);
    }

    protected override Task Handle(ConsumeContext<TicketSolved> context)
    {
        var ticket = TicketLifecycle.FindOrPlaceholder(Db, tickets, context.Message.TicketId, RoutingState.Resolved, context.Message.CreatedAt);
        return TicketLifecycle.ResolveAsync(Db, router, ticket, Clock.Now(), context.CancellationToken);
    }

    protected override Task FinishAsync(CancellationToken ct) => router.DrainAsync(ct);
}
