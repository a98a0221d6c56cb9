namespace Support.Contracts.KnowledgeBase;

// Knowledge-base events. Locales travel as BCP 47 tags ("en", "zh-CN"); statuses as the API's lowercase strings.

/// <summary>An article became visible to customers (first publication or republication after archiving).</summary>
public record ArticlePublished(
    int ArticleId,
    int Version,
    string Title,
    string Locale,
    int? CategoryId,
    IReadOnlyList<string> Tags,
    Actor Actor,
    DateTimeOffset PublishedAt);

/// <summary>An article's content or metadata changed; Version is the new version, Status its status after the edit.</summary>
public record ArticleUpdated(
    int ArticleId,
    int Version,
    string Title,
    string Locale,
    string Status,
    IReadOnlyList<string> ChangedFields,
    Actor Actor,
    DateTimeOffset UpdatedAt);

/// <summary>An article left search, suggestions and the customers' view.</summary>
public record ArticleArchived(int ArticleId, int Version, Actor Actor, DateTimeOffset ArchivedAt);

/// <summary>A reader voted whether an article helped; the totals are the article's after this vote.</summary>
public record ArticleFeedbackGiven(int ArticleId, bool Helpful, int HelpfulVotes, int NotHelpfulVotes, DateTimeOffset GivenAt);

/// <summary>
/// The answer bot answered a question. Published when asked (Deflected null) and again when the asker says whether
/// it solved their question (Deflected true: a ticket avoided); the AnswerId ties the two together.
/// Matched is false when no article was confident enough, and then Handoff is true.
/// </summary>
public record QuestionAnswered(
    Guid AnswerId,
    string Locale,
    bool Matched,
    bool Handoff,
    IReadOnlyList<int> ArticleIds,
    double TopConfidence,
    bool? Deflected,
    DateTimeOffset AskedAt,
    DateTimeOffset At);

/// <summary>The articles most likely to answer a new ticket, best first (may be empty), for the agent who takes it.</summary>
public record ArticlesSuggested(int TicketId, IReadOnlyList<SuggestedArticle> Articles, DateTimeOffset SuggestedAt);

public record SuggestedArticle(int ArticleId, string Title, string Locale, double Confidence);
