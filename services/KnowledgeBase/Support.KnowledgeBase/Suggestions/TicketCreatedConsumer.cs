using MassTransit;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Inbox;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Suggestions;

/// <summary>Suggests to the agent the articles most likely to answer a new ticket (none when nothing is confident enough).</summary>
public sealed class TicketCreatedConsumer(KnowledgeBaseDbContext db, TimeProvider clock, ILogger<TicketCreatedConsumer> logger, AnswerBot bot)
    : InboxConsumer<TicketCreated, KnowledgeBaseDbContext>(db, clock, logger)
{
    public const int MaxSuggestions = 3;

    protected override async Task Handle(ConsumeContext<TicketCreated> context)
    {
        var ticket = context.Message;
        var text = $"{ticket.Subject}\n{ticket.Description}";
        text = text[..Math.Min(text.Length, Answer.QuestionMaxLength)];
        var found = await bot.FindAsync(text, bot.LocaleOf(text), MaxSuggestions, context.CancellationToken);
        var suggested = found.Matches.Where(m => m.Confidence >= bot.Options.SuggestionMinConfidence)
            .Select(m => new SuggestedArticle(m.Article.Id, m.Article.Title, m.Article.Locale, m.Confidence)).ToList();
        var now = Clock.Now();
        Db.AddEvent(new ArticlesSuggested(ticket.TicketId, suggested, now), $"ticket/{ticket.TicketId}", now);
    }
}
