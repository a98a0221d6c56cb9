using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Identity.Data;
using Support.Identity.Users;

namespace Support.Identity.Consumers;

/// <summary>Links a customer user to the customer record the Ticket service found or made for them (their token then carries customer_id).</summary>
public sealed class CustomerAccountLinkedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<CustomerAccountLinkedConsumer> logger)
    : InboxConsumer<CustomerAccountLinked, IdentityDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<CustomerAccountLinked> context)
    {
        var linked = context.Message;
        var user = await Db.Users.FirstOrDefaultAsync(u => u.Id == linked.UserId, context.CancellationToken);
        if (user is null || user.CustomerId is not null)
            return;
        user.CustomerId = linked.CustomerId;
        user.UpdatedAt = Clock.Now();
        user.Version++;
        UserDirectory.RecordUpdated(Db, user);
    }
}
