using Support.Hosting.Data;
using Support.Hosting.Text;

namespace Support.Ticket.Tickets;

public class Ticket : IVersioned
{
    public const int SubjectMaxLength = 250;
    public const int DescriptionMaxBytes = 64 * 1024;
    public const int CategoryMaxLength = 100;

    public int Id { get; set; }
    public string Subject { get; set; } = "";
    public string Description { get; set; } = "";
    public TicketStatus Status { get; set; } = TicketStatus.New;
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    /// <summary>A person chose the priority (at creation or by a PATCH), so the classifier must not change it.</summary>
    public bool PriorityGiven { get; set; }

    public TicketType? Type { get; set; }
    public TicketChannel Channel { get; set; } = TicketChannel.Api;
    public int RequesterId { get; set; }
    public Customers.Customer? Requester { get; set; }
    public int? OrganizationId { get; set; }
    public int? AssigneeId { get; set; }
    /// <summary>When the assignee last changed: a person's change, or the time of the routing decision that changed it.</summary>
    public DateTimeOffset? AssignedAt { get; set; }
    public int? GroupId { get; set; }
    public string? Category { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FirstReplyAt { get; set; }
    public DateTimeOffset? SolvedAt { get; set; }
    public int ReopenCount { get; set; }
    public SatisfactionScore? Satisfaction { get; set; }
    public string? SatisfactionComment { get; set; }
    public DateTimeOffset? SatisfactionRatedAt { get; set; }

    /// <summary>Optimistic concurrency token, and the ETag.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The knowledge base's articles most likely to answer the ticket, best first: the latest ArticlesSuggested.
    /// Not an edit: no audit, no event, and neither the version (the ETag) nor UpdatedAt changes.
    /// </summary>
    public List<ArticleSuggestion> SuggestedArticles { get; set; } = [];

    /// <summary>When the knowledge base made the suggestions kept; an older suggestion arriving later is dropped.</summary>
    public DateTimeOffset? ArticlesSuggestedAt { get; set; }

    /// <summary>
    /// The earliest due time among the ticket's active SLA targets, kept from Automation's SlaDueChanged for lists
    /// sorted by it; null: nothing is due. Not an edit: no audit, no event, and neither the version nor UpdatedAt changes.
    /// </summary>
    public DateTimeOffset? SlaDueAt { get; set; }

    /// <summary>When Automation computed <see cref="SlaDueAt"/>; an older SlaDueChanged arriving later is dropped.</summary>
    public DateTimeOffset? SlaDueChangedAt { get; set; }

    /// <summary>
    /// new → open, pending, on-hold, solved; open, pending and on-hold move among themselves and to solved;
    /// solved → open (a reopen) or closed; closed is final.
    /// </summary>
    public static bool CanChangeStatus(TicketStatus from, TicketStatus to) => (from, to) switch
    {
        _ when from == to => true,
        (TicketStatus.Closed, _) => false,
        (_, TicketStatus.New) => false,
        (TicketStatus.Solved, TicketStatus.Open or TicketStatus.Closed) => true,
        (TicketStatus.Solved, _) => false,
        (_, TicketStatus.Closed) => false,
        _ => true,
    };

    public static string WhyNot(TicketStatus from, TicketStatus to) => (from, to) switch
    {
        (TicketStatus.Closed, _) => "A closed ticket cannot change.",
        (_, TicketStatus.New) => "A ticket cannot go back to new.",
        (TicketStatus.Solved, _) => "A solved ticket can only be reopened (open) or closed.",
        (_, TicketStatus.Closed) => "Only a solved ticket can be closed.",
        _ => $"A ticket cannot go from {from.Wire()} to {to.Wire()}.",
    };

    /// <summary>Moves to a new status, stamping solve times and counting reopens; false when the rules forbid it.</summary>
    public bool ChangeStatus(TicketStatus to, DateTimeOffset now)
    {
        if (!CanChangeStatus(Status, to))
            return false;
        if (to == Status)
            return true;
        if (Status == TicketStatus.Solved && to == TicketStatus.Open)
        {
            ReopenCount++;
            SolvedAt = null;
        }
        if (to == TicketStatus.Solved)
            SolvedAt = now;
        Status = to;
        return true;
    }

    /// <summary>
    /// Applies what a new comment does to the ticket: the first public agent comment stamps the first reply and
    /// opens a new ticket; a public customer reply reopens a solved ticket and wakes a pending one.
    /// Returns whether the comment is the first reply.
    /// </summary>
    public bool RecordComment(bool isPublic, AuthorType author, DateTimeOffset now)
    {
        if (!isPublic)
            return false;
        if (author == AuthorType.Agent)
        {
            if (Status == TicketStatus.New)
                ChangeStatus(TicketStatus.Open, now);
            if (FirstReplyAt is not null)
                return false;
            FirstReplyAt = now;
            return true;
        }
        if (author == AuthorType.Customer && Status is TicketStatus.Solved or TicketStatus.Pending)
            ChangeStatus(TicketStatus.Open, now);
        return false;
    }

    /// <summary>Assigns (or unassigns); assigning a new ticket opens it.</summary>
    public void Assign(int? assigneeId, DateTimeOffset now)
    {
        AssigneeId = assigneeId;
        AssignedAt = now;
        if (assigneeId is not null && Status == TicketStatus.New)
            ChangeStatus(TicketStatus.Open, now);
    }

    public bool CanBeRated => Status == TicketStatus.Solved;

    /// <summary>
    /// Keeps these suggestions unless the ones kept were made later; false when they are dropped as stale.
    /// Suggestions made at the same moment replace them (a republication). Times compare to the microsecond, as stored.
    /// </summary>
    public bool SuggestArticles(IEnumerable<ArticleSuggestion> articles, DateTimeOffset suggestedAt)
    {
        suggestedAt = suggestedAt.AddTicks(-(suggestedAt.Ticks % 10));
        if (ArticlesSuggestedAt > suggestedAt)
            return false;
        SuggestedArticles = articles.OrderByDescending(a => a.Confidence).ToList();
        ArticlesSuggestedAt = suggestedAt;
        return true;
    }
}
