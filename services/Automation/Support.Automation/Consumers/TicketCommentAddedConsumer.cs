using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Automation.Consumers;

/// <summary>Counts replies on the copy (a staff member's public comment, a customer's), then its SLA and the triggers react.</summary>
public sealed class TicketCommentAddedConsumer(AutomationDbContext db, TicketReactions reactions, TimeProvider clock, ILogger<TicketCommentAddedConsumer> logger)
    : InboxConsumer<TicketCommentAdded, AutomationDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketCommentAdded> context)
    {
        var comment = context.Message;
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == comment.TicketId, context.CancellationToken)
            ?? throw new TicketNotKnownYetException(comment.TicketId);
        if (comment.Public && TicketValues.IsStaff(comment.Author))
        {
            ticket.AgentReplies++;
            ticket.LastAgentReplyAt = comment.CreatedAt;
        }
        else if (comment.Public && comment.Author.Type == "customer")
            ticket.LastCustomerReplyAt = comment.CreatedAt;
        ticket.UpdatedAt = comment.CreatedAt > ticket.UpdatedAt ? comment.CreatedAt : ticket.UpdatedAt;
        ticket.Version++;
        await reactions.ReactAsync(ticket, new TicketEvent(TicketEventKind.Commented, [], comment, comment.Author, comment.CreatedAt), context.CancellationToken);
    }
}
