using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Inbox;
using Support.Hosting.Security;
using Support.Identity.Data;
using Support.Identity.Users;

namespace Support.Identity.Consumers;

/// <summary>
/// Links the customer user with the new customer record's email to it (their token then carries customer_id), and
/// announces it with UserUpdated. A user already linked to this customer is left alone.
/// </summary>
public sealed class CustomerCreatedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<CustomerCreatedConsumer> logger)
    : InboxConsumer<CustomerCreated, IdentityDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<CustomerCreated> context)
    {
        var created = context.Message;
        var email = EmailAddress.Normalize(created.Email).ToUpperInvariant();
        var user = await Db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email && u.Role == SupportRoles.Customer, context.CancellationToken);
        if (user is null || user.CustomerId == created.CustomerId)
            return;
        user.CustomerId = created.CustomerId;
        user.UpdatedAt = Clock.Now();
        user.Version++;
        UserDirectory.RecordUpdated(Db, user);
    }
}
