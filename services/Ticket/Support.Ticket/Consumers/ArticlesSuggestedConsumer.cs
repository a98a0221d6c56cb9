using MassTransit;
using Support.Contracts.KnowledgeBase;
using Support.Hosting.Inbox;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Consumers;

/// <summary>
/// Keeps the knowledge base's latest suggestions on the ticket, for the agent who takes it. Suggestions are not an
/// edit: no audit entry, no event, and the version (the ETag) and UpdatedAt stay as they are. Suggestions older than
/// the ones kept (events may arrive out of order) are dropped; so are suggestions for a ticket this service does not hold.
/// Suggestions come in batches, kept in one transaction.
/// </summary>
public sealed class ArticlesSuggestedConsumer : InboxBatchConsumer<ArticlesSuggested, TicketDbContext>
{
    private readonly ILogger logger;

    public ArticlesSuggestedConsumer(TicketDbContext db, TimeProvider clock, ILogger<ArticlesSuggestedConsumer> logger)
        : base(db, clock, logger) => this.logger = logger;

    protected override Task PrepareAsync(IReadOnlyList<ConsumeContext<ArticlesSuggested>> messages, CancellationToken ct) =>
        Db.LockTicketsAsync(messages.Select(m => m.Message.TicketId), ct);

    protected override async Task Handle(ConsumeContext<ArticlesSuggested> context)
    {
        var suggested = context.Message;
        var ticket = await Db.Tickets.FindAsync([suggested.TicketId], context.CancellationToken);
        if (ticket is null)
        {
            logger.LogWarning("ArticlesSuggested for ticket {TicketId}, which does not exist: ignored", suggested.TicketId);
            return;
        }

        var articles = (suggested.Articles ?? []).Select(a => new ArticleSuggestion
        {
            ArticleId = a.ArticleId, Title = a.Title ?? "", Locale = a.Locale ?? "", Confidence = a.Confidence,
        });
        if (!ticket.SuggestArticles(articles, suggested.SuggestedAt))
            logger.LogInformation("ArticlesSuggested for ticket {TicketId} made at {SuggestedAt} is older than the suggestions kept: ignored",
                suggested.TicketId, suggested.SuggestedAt);
    }
}
