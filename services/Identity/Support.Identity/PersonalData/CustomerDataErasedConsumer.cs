using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;
using Support.Identity.Data;

namespace Support.Identity.PersonalData;

/// <summary>Records a service's confirmation on its erasure's report.</summary>
public sealed class CustomerDataErasedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<CustomerDataErasedConsumer> logger)
    : InboxConsumer<CustomerDataErased, IdentityDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<CustomerDataErased> context)
    {
        var erased = context.Message;
        if (await Db.PersonalDataRequests.AnyAsync(r => r.Id == erased.ErasureId, context.CancellationToken)
            && !await Db.ErasureConfirmations.AnyAsync(c => c.ErasureId == erased.ErasureId && c.Service == erased.Service, context.CancellationToken))
            Db.ErasureConfirmations.Add(new ErasureConfirmation { ErasureId = erased.ErasureId, Service = erased.Service, ErasedAt = erased.ErasedAt });
    }
}
