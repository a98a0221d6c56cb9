using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.PersonalData;

/// <summary>Forgets the customer's questions to the answer bot: the text is scrubbed and the link to them dropped; the answers' counts stay.</summary>
public sealed class CustomerErasureConsumer(KnowledgeBaseDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<KnowledgeBaseDbContext>(db, clock, logger, "KnowledgeBase")
{
    protected override Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct) =>
        Db.Answers.Where(a => a.CustomerId == erasure.CustomerId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Question, ErasedText.Marker).SetProperty(a => a.CustomerId, (int?)null), ct);
}
