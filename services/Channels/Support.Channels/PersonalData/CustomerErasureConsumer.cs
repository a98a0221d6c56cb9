using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Channels.Webhooks;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;

namespace Support.Channels.PersonalData;

/// <summary>
/// Replaces the customer's address and name wherever Channels keeps them (their contact, the email sent to them, the
/// email they sent), scrubs the bodies of every email about their tickets, fails what was still waiting to be sent to
/// them, forgets the published EmailReceived events that carried their words, and empties the webhook deliveries about
/// them (an undelivered one goes out as an erased event). Subjects and times stay.
/// </summary>
public sealed class CustomerErasureConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<ChannelsDbContext>(db, clock, logger, "Channels")
{
    protected override async Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct)
    {
        var contact = await Db.Contacts.FirstOrDefaultAsync(c => c.Kind == Contact.Customer && c.Id == erasure.CustomerId, ct);
        var address = contact?.Email.ToLower() ?? erasure.ReplacementEmail;
        var tickets = erasure.TicketIds.ToList();
        await Db.OutgoingEmails.Where(e => e.TicketId != null && tickets.Contains(e.TicketId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HtmlBody, ErasedText.Marker).SetProperty(e => e.TextBody, ErasedText.Marker), ct);
        await Db.OutgoingEmails.Where(e => e.ToAddress.ToLower() == address)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ToAddress, erasure.ReplacementEmail)
                .SetProperty(e => e.ToName, erasure.ReplacementName)
                .SetProperty(e => e.HtmlBody, ErasedText.Marker)
                .SetProperty(e => e.TextBody, ErasedText.Marker)
                .SetProperty(e => e.LastError, e => e.Status == OutgoingEmailStatus.Queued ? "The customer's personal data was erased." : e.LastError)
                .SetProperty(e => e.Status, e => e.Status == OutgoingEmailStatus.Queued ? OutgoingEmailStatus.Failed : e.Status), ct);
        var received = await Db.InboundEmails.Where(e => e.FromAddress.ToLower() == address).Select(e => e.Id).ToListAsync(ct);
        await Db.ForgetPublishedEventsAsync(received.Select(id => $"email/{id:N}").ToList(), ct);
        await Db.InboundEmails.Where(e => e.FromAddress.ToLower() == address)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FromAddress, erasure.ReplacementEmail), ct);
        var streams = tickets.Select(id => $"ticket/{id}").Append($"customer/{erasure.CustomerId}").ToList();
        foreach (var delivery in await Db.WebhookDeliveries.Where(d => streams.Contains(d.OrderingKey)).ToListAsync(ct))
            delivery.Payload = System.Text.Json.JsonSerializer.Serialize(new { id = delivery.EventId, type = delivery.EventType, erased = true, data = (object?)null });
        if (contact is not null)
        {
            contact.Email = erasure.ReplacementEmail;
            contact.Name = erasure.ReplacementName;
        }
    }
}
