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
/// account), or a new one; Identity links the user to it on CustomerAccountLinked.
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
        if (isNew)
            CustomerDirectory.RecordCreated(Db, customer);
        Db.AddEvent(new CustomerAccountLinked(user.UserId, customer.Id, now), CustomerDirectory.Aggregate(customer.Id), now);
    }
}
