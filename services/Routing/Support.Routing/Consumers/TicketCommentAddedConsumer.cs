using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Consumers;

/// <summary>An agent's public reply answers the ticket: it will not escalate as unanswered.</summary>
public sealed class TicketCommentAddedConsumer(RoutingDbContext db, TimeProvider clock, ILogger<TicketCommentAddedConsumer> logger)
    : InboxConsumer<TicketCommentAdded, RoutingDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketCommentAdded comment) => !comment.Public || comment.Author.Type != "agent";

    protected override async Task Handle(ConsumeContext<TicketCommentAdded> context)
    {
        var comment = context.Message;
        var ct = context.CancellationToken;
        await RoutingLock.EnterAsync(Db, ct);
        if (await Db.Tickets.FindAsync([comment.TicketId], ct) is not { State: RoutingState.Assigned, AnsweredAt: null } ticket || comment.CreatedAt < ticket.AssignedAt)
            return;
        ticket.AnsweredAt = comment.CreatedAt;
        ticket.EscalationDueAt = null;
        ticket.UpdatedAt = Clock.Now();
    }
}
