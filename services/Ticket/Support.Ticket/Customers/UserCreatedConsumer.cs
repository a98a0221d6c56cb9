using MassTransit;
using Support.Contracts.Customers;
using Support.Contracts.Identity;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.Hosting.Security;
using Support.Ticket.Data;

namespace Support.Ticket.Customers;

/// <summary>
/// Gives a new customer user their customer record: the one with their email (they wrote in before they had an
/// account: Identity links the user on CustomerAccountLinked), or a new one (linked on its CustomerCreated).
/// </summary>
public sealed class UserCreatedConsumer(TicketDbContext db, TimeProvider clock, ILogger<UserCreatedConsumer> logger)
    : InboxConsumer<UserCreated, TicketDbContext>(db, clock, logger)
{
    protected override bool Ignores(UserCreated user) => user.Role != SupportRoles.Customer || user.CustomerId is not null;

    protected override async Task Handle(ConsumeContext<UserCreated> context)
    {
        var user = context.Message;
        var now = Clock.Now();
        var ct = context.CancellationToken;
        await Db.Database.BeginTransactionAsync(ct); // committed by the base class with the inbox row and the events
        var (customer, isNew) = await CustomerDirectory.FindOrAddAsync(Db, user.Email, user.Name, now, ct);
        await Db.SaveChangesAsync(ct); // a new record gets its id
        // A new record's CustomerCreated links the user by email; an existing record is named to Identity.
        if (isNew)
            CustomerDirectory.RecordCreated(Db, customer);
        else
            Db.AddEvent(new CustomerAccountLinked(user.UserId, customer.Id, now), CustomerDirectory.Aggregate(customer.Id), now);
    }
}
