using Support.Contracts;

namespace Support.Ticket.Tickets;

public record RequesterInput(string? Email, string? Name);

public record CreateTicketRequest(
    string? Subject,
    string? Description,
    RequesterInput? Requester,
    TicketPriority? Priority,
    TicketType? Type,
    TicketChannel? Channel,
    List<string>? Tags);

public record SatisfactionView(SatisfactionScore Score, string? Comment, DateTimeOffset RatedAt);

public record TicketResponse(
    int Id,
    string Subject,
    string Description,
    TicketStatus Status,
    TicketPriority Priority,
    TicketType? Type,
    TicketChannel Channel,
    int RequesterId,
    int? OrganizationId,
    int? AssigneeId,
    int? GroupId,
    string? Category,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstReplyAt,
    DateTimeOffset? SolvedAt,
    int ReopenCount,
    SatisfactionView? Satisfaction,
    IReadOnlyList<SuggestedArticleView> SuggestedArticles,
    DateTimeOffset? SlaDueAt)
{
    public static TicketResponse From(Ticket t) => new(
        t.Id, t.Subject, t.Description, t.Status, t.Priority, t.Type, t.Channel, t.RequesterId, t.OrganizationId,
        t.AssigneeId, t.GroupId, t.Category, t.Tags, t.CreatedAt, t.UpdatedAt, t.FirstReplyAt, t.SolvedAt, t.ReopenCount,
        t is { Satisfaction: { } score, SatisfactionRatedAt: { } ratedAt } ? new SatisfactionView(score, t.SatisfactionComment, ratedAt) : null,
        t.SuggestedArticles.Select(SuggestedArticleView.From).ToList(), t.SlaDueAt);
}

/// <summary>A knowledge-base article suggested for the ticket, best first; confidence from 0 to 1.</summary>
public record SuggestedArticleView(int ArticleId, string Title, string Locale, double Confidence)
{
    public static SuggestedArticleView From(ArticleSuggestion a) => new(a.ArticleId, a.Title, a.Locale, a.Confidence);
}

/// <summary>The body of PATCH /api/tickets/{id}, as documented: send only the fields to change; null clears.</summary>
public record UpdateTicketRequest(
    TicketStatus? Status, TicketPriority? Priority, TicketType? Type, int? AssigneeId, int? GroupId,
    string? Category, List<string>? Tags, string? Subject);

public record CommentAuthorInput(AuthorType? Type, string? Id);

public record AddCommentRequest(string? Body, bool? Public, CommentAuthorInput? Author);

public record CommentAuthor(AuthorType Type, string? Id);

public record CommentResponse(long Id, int TicketId, string Body, bool Public, CommentAuthor Author, DateTimeOffset CreatedAt)
{
    public static CommentResponse From(TicketComment c) => new(c.Id, c.TicketId, c.Body, c.Public, new CommentAuthor(c.AuthorType, c.AuthorId), c.CreatedAt);
}

public record AuditEntryResponse(long Id, string Field, string? OldValue, string? NewValue, Actor Actor, DateTimeOffset At)
{
    public static AuditEntryResponse From(TicketAuditEntry a) => new(a.Id, a.Field, a.OldValue, a.NewValue, new Actor(a.ActorType, a.ActorId), a.At);
}

public record RateSatisfactionRequest(SatisfactionScore? Score, string? Comment);
