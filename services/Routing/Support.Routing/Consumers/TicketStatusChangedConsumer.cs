using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>
/// Closing is final; a ticket closed without passing through solved (should the rules allow it) frees capacity too. Batched
/// as <see cref="TicketSolvedConsumer"/>.
/// </summary>
public sealed class TicketStatusChangedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketStatusChangedConsumer> logger, TicketRouter router)
    : InboxBatchConsumer<TicketStatusChanged, RoutingDbContext>(db, clock, logger)
{
    private Dictionary<int, RoutedTicket> tickets = [];

    protected override bool Ignores(TicketStatusChanged changed) => changed.NewStatus is not ("closed" or "solved");

    protected override async Task PrepareAsync(IReadOnlyList<ConsumeContext<TicketStatusChanged>> messages, CancellationToken ct)
    {
        await RoutingLock.EnterAsync(Db, ct);
        tickets = await TicketLifecycle.LoadAsync(Db, messages.Select(m => m.Message.TicketId), ct);
    }

    protected override Task Handle(ConsumeContext<TicketStatusChanged> context)
    {
        var changed = context.Message;
        var ticket = TicketLifecycle.FindOrPlaceholder(Db, tickets, changed.TicketId, RoutingState.Resolved, changed.ChangedAt);
        return TicketLifecycle.ResolveAsync(Db, router, ticket, Clock.Now(), context.CancellationToken);
    }

    protected override Task FinishAsync(CancellationToken ct) => router.DrainAsync(ct);
}
