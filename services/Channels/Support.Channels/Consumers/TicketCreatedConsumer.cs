using MassTransit;
using Microsoft.Extensions.Options;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>
/// Keeps the ticket's thread and its requester's address, and acknowledges the request to the requester. A ticket
/// opened by email is acknowledged when its email is known to be its start (InboundEmailAppliedConsumer), so that the
/// acknowledgement answers that email.
/// </summary>
public sealed class TicketCreatedConsumer(ChannelsDbContext db, EmailComposer composer, IOptions<EmailSettings> settings, TimeProvider clock, ILogger<TicketCreatedConsumer> logger)
    : InboxConsumer<TicketCreated, ChannelsDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketCreated> context)
    {
        var created = context.Message;
        var ct = context.CancellationToken;
        await Threads.KeepContactAsync(Db, Contact.Customer, created.RequesterId, created.RequesterEmail, created.RequesterName, ct);
        var thread = await Db.Threads.FindAsync([created.TicketId], ct);
        if (thread is null)
            Db.Threads.Add(thread = new TicketThread { TicketId = created.TicketId, CreatedAt = created.CreatedAt });
        thread.Subject = created.Subject;
        thread.RequesterId = created.RequesterId;
        thread.Status = created.Status;
        thread.Locale = Threads.LocaleOf(created.Subject + " " + created.Description, settings.Value.DefaultLocale);
        if (created.Channel == "email")
            return;
        var requester = new Contact { Kind = Contact.Customer, Id = created.RequesterId, Email = created.RequesterEmail, Name = created.RequesterName };
        await composer.QueueAsync(TemplateNames.TicketCreated, thread, requester, new EmailValues(), automatic: true, locale: null, ct);
    }
}
