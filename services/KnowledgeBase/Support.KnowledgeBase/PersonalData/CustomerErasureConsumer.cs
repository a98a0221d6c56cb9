using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.PersonalData;

/// <summary>Forgets the customer's questions to the answer bot: the text is scrubbed and the link to them dropped; the answers' counts stay.</summary>
public sealed class CustomerErasureConsumer(KnowledgeBaseDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : InboxConsumer<CustomerErasureRequested, KnowledgeBaseDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<CustomerErasureRequested> context)
    {
        var erasure = context.Message;
        await Db.Database.BeginTransactionAsync(context.CancellationToken);
        await Db.Answers.Where(a => a.CustomerId == erasure.CustomerId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Question, ErasedText.Marker).SetProperty(a => a.CustomerId, (int?)null), context.CancellationToken);
        var now = Clock.Now();
        Db.AddEvent(new CustomerDataErased(erasure.ErasureId, erasure.CustomerId, "KnowledgeBase", now), $"customer/{erasure.CustomerId}", now);
    }
}
