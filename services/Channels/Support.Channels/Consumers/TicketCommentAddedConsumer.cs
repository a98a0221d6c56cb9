using MassTransit;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>A staff member's public reply goes to the requester by email; internal notes and the customer's own comments never do.</summary>
public sealed class TicketCommentAddedConsumer(ChannelsDbContext db, EmailComposer composer, TimeProvider clock, ILogger<TicketCommentAddedConsumer> logger)
    : InboxConsumer<TicketCommentAdded, ChannelsDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketCommentAdded comment) => !comment.Public || comment.Author.Type is not ("agent" or "admin");

    protected override async Task Handle(ConsumeContext<TicketCommentAdded> context)
    {
        var comment = context.Message;
        var ct = context.CancellationToken;
        var thread = await Threads.RequireAsync(Db, comment.TicketId, ct);
        var requester = await Threads.RequireRequesterAsync(Db, thread, ct);
        var agent = int.TryParse(comment.Author.Id, out var agentId) ? await Threads.ContactAsync(Db, Contact.Agent, agentId, ct) : null;
        await composer.QueueAsync(TemplateNames.AgentReply, thread, requester, new EmailValues(requester, agent, comment.Body), automatic: false, locale: null, ct);
    }
}
