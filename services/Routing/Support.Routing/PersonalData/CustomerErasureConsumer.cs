using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;
using Support.Routing.Data;

namespace Support.Routing.PersonalData;

/// <summary>Scrubs the customer's descriptions from Routing's copies of their tickets and from the classifier's examples.</summary>
public sealed class CustomerErasureConsumer(RoutingDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<RoutingDbContext>(db, clock, logger, "Routing")
{
    protected override async Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct)
    {
        var ticketIds = erasure.TicketIds.ToList();
        await Db.Tickets.Where(t => ticketIds.Contains(t.TicketId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, ErasedText.Marker), ct);
        await Db.ClassifierExamples.Where(e => e.TicketId != null && ticketIds.Contains(e.TicketId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, ErasedText.Marker), ct);
    }
}
