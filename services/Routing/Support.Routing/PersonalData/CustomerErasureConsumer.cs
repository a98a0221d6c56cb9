using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Routing.Data;

namespace Support.Routing.PersonalData;

/// <summary>Scrubs the customer's descriptions from Routing's copies of their tickets and from the classifier's examples.</summary>
public sealed class CustomerErasureConsumer(RoutingDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : InboxConsumer<CustomerErasureRequested, RoutingDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<CustomerErasureRequested> context)
    {
        var erasure = context.Message;
        var ct = context.CancellationToken;
        var ticketIds = erasure.TicketIds.ToList();
        await Db.Database.BeginTransactionAsync(ct);
        await Db.Tickets.Where(t => ticketIds.Contains(t.TicketId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, ErasedText.Marker), ct);
        await Db.ClassifierExamples.Where(e => e.TicketId != null && ticketIds.Contains(e.TicketId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, ErasedText.Marker), ct);
        var now = Clock.Now();
        Db.AddEvent(new CustomerDataErased(erasure.ErasureId, erasure.CustomerId, "Routing", now), $"customer/{erasure.CustomerId}", now);
    }
}
