using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>
/// Records the ticket (and comment) an email became. An email that opened a ticket starts its thread, and the
/// acknowledgement answers it (In-Reply-To), so the customer's mail client shows them together.
/// </summary>
public sealed class InboundEmailAppliedConsumer(ChannelsDbContext db, EmailComposer composer, TimeProvider clock, ILogger<InboundEmailAppliedConsumer> logger)
    : InboxConsumer<InboundEmailApplied, ChannelsDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<InboundEmailApplied> context)
    {
        var applied = context.Message;
        var ct = context.CancellationToken;
        var email = await Db.InboundEmails.FirstOrDefaultAsync(e => e.Id == applied.EmailId, ct);
        if (email is null)
            return; // erased since
        email.TicketId = applied.TicketId;
        email.CommentId = applied.CommentId;
        if (applied.CommentId is not null)
            return;
        var thread = await Threads.RequireAsync(Db, applied.TicketId, ct);
        thread.OpeningMessageId = email.MessageId;
        var requester = await Threads.RequireRequesterAsync(Db, thread, ct);
        await composer.QueueAsync(TemplateNames.TicketCreated, thread, requester, new EmailValues(), automatic: true, locale: null, ct);
    }
}
