using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>Closing is final; a ticket closed without passing through solved (should the rules allow it) frees capacity too.</summary>
public sealed class TicketStatusChangedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketStatusChangedConsumer> logger, TicketRouter router)
    : InboxConsumer<TicketStatusChanged, RoutingDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketStatusChanged changed) => changed.NewStatus is not ("closed" or "solved");

    protected override async Task Handle(ConsumeContext<TicketStatusChanged> context)
    {
        var changed = context.Message;
        var ct = context.CancellationToken;
        await RoutingLock.EnterAsync(Db, ct);
        var ticket = await TicketLifecycle.FindOrPlaceholderAsync(Db, changed.TicketId, RoutingState.Resolved, changed.ChangedAt, ct);
        await TicketLifecycle.ResolveAsync(Db, router, ticket, Clock.Now(), ct);
        await router.DrainAsync(ct);
    }
}
