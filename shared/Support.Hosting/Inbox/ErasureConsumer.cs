using MassTransit;
using Support.Contracts.Customers;
using Support.Hosting.Data;

namespace Support.Hosting.Inbox;

/// <summary>
/// A service's part of erasing a customer's personal data: applied once (as every inbox consumer), in one transaction
/// with the CustomerDataErased that confirms it to Identity's erasure report.
/// </summary>
public abstract class ErasureConsumer<TContext>(TContext db, TimeProvider clock, ILogger logger, string service)
    : InboxConsumer<CustomerErasureRequested, TContext>(db, clock, logger)
    where TContext : ServiceDbContext
{
    protected sealed override async Task Handle(ConsumeContext<CustomerErasureRequested> context)
    {
        var erasure = context.Message;
        await Db.Database.BeginTransactionAsync(context.CancellationToken); // committed by InboxConsumer with the confirmation
        await EraseAsync(erasure, context.CancellationToken);
        var now = Clock.Now();
        Db.AddEvent(new CustomerDataErased(erasure.ErasureId, erasure.CustomerId, service, now), $"customer/{erasure.CustomerId}", now);
    }

    /// <summary>Erases this service's part; bulk statements run in the transaction, tracked changes are saved after.</summary>
    protected abstract Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct);
}
