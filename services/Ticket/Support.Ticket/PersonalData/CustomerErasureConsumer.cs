using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Ticket.Customers;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.PersonalData;

/// <summary>
/// Anonymises the customer (replacement name and email, no phone or notes) and scrubs the text they wrote: their
/// tickets' descriptions and satisfaction comments, and their comments; the published events about them are forgotten.
/// Subjects, statuses and times stay.
/// </summary>
public sealed class CustomerErasureConsumer(TicketDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<TicketDbContext>(db, clock, logger, "Ticket")
{
    protected override async Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct)
    {
        var author = erasure.CustomerId.ToString();
        var ticketIds = await Db.Tickets.Where(t => t.RequesterId == erasure.CustomerId).Select(t => t.Id).ToListAsync(ct);
        await Db.ForgetPublishedEventsAsync(ticketIds.Select(TicketHistory.Aggregate).Append(CustomerDirectory.Aggregate(erasure.CustomerId)).ToList(), ct);
        await Db.Comments.Where(c => c.AuthorType == AuthorType.Customer && c.AuthorId == author)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Body, ErasedText.Marker), ct);
        await Db.Tickets.Where(t => t.RequesterId == erasure.CustomerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Description, ErasedText.Marker)
                .SetProperty(t => t.SatisfactionComment, t => t.SatisfactionComment == null ? null : ErasedText.Marker)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (await Db.Customers.FirstOrDefaultAsync(c => c.Id == erasure.CustomerId, ct) is { } customer)
        {
            customer.Email = erasure.ReplacementEmail;
            customer.Name = erasure.ReplacementName;
            customer.Phone = null;
            customer.Notes = null;
            customer.UpdatedAt = Clock.Now();
            customer.Version++;
            CustomerDirectory.RecordUpdated(Db, customer);
        }
    }
}
