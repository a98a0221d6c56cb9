using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts;
using Support.Contracts.Channels;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Inbox;
using Support.Ticket.Customers;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Consumers;

/// <summary>
/// An email Channels accepted: a reply to an open ticket becomes its sender's public comment (which reopens a solved
/// or pending ticket, as a customer's comment through the API does); anything else (a new thread, a reply to a closed
/// ticket) opens a ticket on the email channel with the sender as requester. InboundEmailApplied tells Channels which.
/// </summary>
public sealed class EmailReceivedConsumer(TicketDbContext db, TimeProvider clock, ILogger<EmailReceivedConsumer> logger)
    : InboxConsumer<EmailReceived, TicketDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<EmailReceived> context)
    {
        var email = context.Message;
        var ct = context.CancellationToken;
        if (!EmailAddress.IsValid(email.FromAddress))
            throw new ArgumentException($"EmailReceived {email.EmailId} has no valid sender address.");
        await Db.Database.BeginTransactionAsync(ct); // committed by InboxConsumer with the events
        var now = Clock.Now();
        var (sender, isNew) = await CustomerDirectory.FindOrAddAsync(Db, email.FromAddress, StorableText.Fit(email.FromName, Customer.NameMaxLength), now, ct);
        var ticket = email.TicketId is { } id ? await Db.Tickets.FirstOrDefaultAsync(t => t.Id == id && t.Status != TicketStatus.Closed, ct) : null;
        var text = TextWithAttachments(email);
        await Db.SaveChangesAsync(ct);
        if (isNew)
            CustomerDirectory.RecordCreated(Db, sender);
        var author = new Actor("customer", sender.Id.ToString());
        if (ticket is null)
        {
            ticket = new Tickets.Ticket
            {
                Subject = StorableText.Fit(email.Subject.Trim(), Tickets.Ticket.SubjectMaxLength) is { Length: > 0 } subject ? subject : "(no subject)",
                Description = StorableText.Fit(text, Tickets.Ticket.DescriptionMaxBytes),
                Channel = TicketChannel.Email,
                Requester = sender,
                OrganizationId = sender.OrganizationId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Db.Tickets.Add(ticket);
            await Db.SaveChangesAsync(ct);
            TicketHistory.RecordCreated(Db, ticket, author);
            Db.AddEvent(new InboundEmailApplied(email.EmailId, ticket.Id, null, now), TicketHistory.Aggregate(ticket.Id), now);
            return;
        }

        var before = TicketSnapshot.Of(ticket);
        var added = TicketComments.Add(Db, ticket, StorableText.Fit(text, TicketComment.BodyMaxBytes), true, AuthorType.Customer, author, now);
        ticket.UpdatedAt = now;
        ticket.Version++;
        await Db.SaveChangesAsync(ct);
        added.Record(Db);
        TicketHistory.RecordChanges(Db, before, ticket, author, now);
        Db.AddEvent(new InboundEmailApplied(email.EmailId, ticket.Id, added.Comment.Id, now), TicketHistory.Aggregate(ticket.Id), now);
    }

    private static string TextWithAttachments(EmailReceived email)
    {
        var text = new StringBuilder(email.Body.Trim().Length > 0 ? email.Body.Trim() : "(no text)");
        if (email.Attachments.Count > 0)
        {
            text.Append("\n\nAttachments:");
            foreach (var attachment in email.Attachments)
                text.Append($"\n- {attachment.Name} ({attachment.ContentType}, {attachment.Size:N0} bytes)");
        }
        return text.ToString();
    }
}
