using MassTransit;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Channels;
using Support.Hosting.Http;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>
/// Sends a template about a ticket to its requester, its assignee, or an address (Automation's triggers ask this way).
/// A recipient that cannot be reached is recorded as a failed email on the ticket's channel log.
/// </summary>
public sealed class NotificationRequestedConsumer(ChannelsDbContext db, EmailComposer composer, TimeProvider clock, ILogger<NotificationRequestedConsumer> logger)
    : InboxConsumer<NotificationRequested, ChannelsDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<NotificationRequested> context)
    {
        var request = context.Message;
        var ct = context.CancellationToken;
        if (request.TicketId is not { } ticketId)
            throw new ArgumentException($"NotificationRequested for '{request.Template}' names no ticket.");
        var thread = await Threads.RequireAsync(Db, ticketId, ct);
        var requester = await Threads.RequireRequesterAsync(Db, thread, ct);
        var assignee = await Threads.ContactAsync(Db, Contact.Agent, thread.AssigneeId, ct);
        var to = request.Recipient switch
        {
            "requester" => requester,
            "assignee" => assignee,
            _ when EmailAddress.IsValid(request.Recipient) => new Contact { Email = request.Recipient, Name = request.Recipient },
            _ => null,
        } ?? new Contact { Email = request.Recipient, Name = request.Recipient };
        await composer.QueueAsync(request.Template, thread, to, new EmailValues(requester, assignee), automatic: true, request.Locale, ct);
    }
}
