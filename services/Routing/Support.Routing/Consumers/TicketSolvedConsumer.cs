using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>A solved ticket frees its agent's capacity, and the queues the agent serves drain.</summary>
public sealed class TicketSolvedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketSolvedConsumer> logger, TicketRouter router)
    : InboxConsumer<TicketSolved, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketSolved> context)
    {
        var ct = context.CancellationToken;
        await RoutingLock.EnterAsync(Db, ct);
        var now = Clock.Now();
        var ticket = await TicketLifecycle.FindOrPlaceholderAsync(Db, context.Message.TicketId, RoutingState.Resolved, context.Message.CreatedAt, ct);
        await TicketLifecycle.ResolveAsync(Db, router, ticket, now, ct);
        await router.DrainAsync(ct);
    }
}
