using Support.Analytics.Sentiment;
using Support.Contracts.Tickets;
using Support.Time;

namespace Support.Analytics.Tickets;

public sealed record TicketReadModel(TicketMetrics Metrics, IReadOnlyList<UnsolvedSpan> UnsolvedSpans, IReadOnlyList<CommentSentiment> Sentiments);

/// <summary>A ticket's read model from its events: a pure function of the event set, so order of arrival and replays cannot change it.</summary>
public static class TicketProjection
{
    private static readonly HashSet<string> Unsolved = ["new", "open", "pending", "on-hold"];
    private static readonly HashSet<string> RequesterWaits = ["new", "open", "on-hold"];

    /// <summary>
    /// Events in the order they happened, and each group's business calendar (for the ticket's group as the events
    /// leave it); null until the ticket's TicketCreated has arrived.
    /// </summary>
    public static TicketReadModel? Build(IEnumerable<object> events, Func<int?, BusinessCalendar> calendars)
    {
        var ordered = events.ToList();
        if (ordered.OfType<TicketCreated>().FirstOrDefault() is not { } created)
            return null;

        var m = new TicketMetrics
        {
            TicketId = created.TicketId, RequesterId = created.RequesterId, OrganizationId = created.OrganizationId,
            Channel = created.Channel, Priority = created.Priority, Type = created.Type, Status = created.Status,
            CreatedAt = created.CreatedAt,
        };
        var spans = new List<UnsolvedSpan>();
        var sentiments = new List<CommentSentiment>
        {
            new() { TicketId = m.TicketId, CommentId = 0, CustomerId = m.RequesterId, At = m.CreatedAt, Score = SentimentScorer.Score($"{created.Subject}\n{created.Description}") },
        };
        if (Unsolved.Contains(m.Status))
            spans.Add(new UnsolvedSpan { TicketId = m.TicketId, From = m.CreatedAt });

        var statusSince = m.CreatedAt;
        double requesterWait = 0, agentWait = 0, onHold = 0;
        DateTimeOffset? lastSolvedAt = null;
        var requesterWaits = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var e in ordered)
        {
            switch (e)
            {
                case TicketUpdated updated:
                    foreach (var change in updated.Changes)
                        Apply(m, change);
                    break;
                case TicketAssigned assigned:
                    (m.AssigneeId, m.GroupId, m.Priority) = (assigned.AssigneeId, assigned.GroupId, assigned.Priority);
                    break;
                case TicketStatusChanged changed when changed.ChangedAt >= m.CreatedAt:
                    var minutes = Minutes(statusSince, changed.ChangedAt);
                    if (RequesterWaits.Contains(m.Status))
                    {
                        requesterWait += minutes;
                        requesterWaits.Add((statusSince, changed.ChangedAt));
                    }
                    if (m.Status == "pending") agentWait += minutes;
                    if (m.Status == "on-hold") onHold += minutes;
                    var wasUnsolved = Unsolved.Contains(m.Status);
                    (m.Status, statusSince) = (changed.NewStatus, changed.ChangedAt);
                    if (wasUnsolved && !Unsolved.Contains(m.Status))
                    {
                        spans[^1].To = changed.ChangedAt;
                        m.FirstSolvedAt ??= changed.ChangedAt;
                        lastSolvedAt = changed.ChangedAt;
                    }
                    else if (!wasUnsolved && Unsolved.Contains(m.Status))
                    {
                        m.Reopens++;
                        spans.Add(new UnsolvedSpan { TicketId = m.TicketId, From = changed.ChangedAt });
                    }
                    break;
                case TicketCommentAdded { Public: true } comment when comment.Author.Type == "agent":
                    m.AgentReplies++;
                    if (comment.CreatedAt >= m.CreatedAt)
                        m.FirstReplyAt ??= comment.CreatedAt;
                    break;
                case TicketCommentAdded { Public: true } comment when comment.Author.Type == "customer":
                    sentiments.Add(new CommentSentiment
                    {
                        TicketId = m.TicketId, CommentId = comment.CommentId, CustomerId = m.RequesterId, At = comment.CreatedAt,
                        Score = SentimentScorer.Score(comment.Body),
                    });
                    break;
                case SatisfactionRated rated:
                    (m.Satisfaction, m.RatedAt) = (rated.Score, rated.RatedAt);
                    break;
            }
        }

        var calendar = calendars(m.GroupId);
        m.FirstReplyMinutes = m.FirstReplyAt is { } replied ? Minutes(m.CreatedAt, replied) : null;
        m.FirstReplyBusinessMinutes = m.FirstReplyAt is { } businessReplied ? BusinessMinutes(calendar, m.CreatedAt, businessReplied) : null;
        m.FirstResolutionMinutes = m.FirstSolvedAt is { } firstSolved ? Minutes(m.CreatedAt, firstSolved) : null;
        m.FirstResolutionBusinessMinutes = m.FirstSolvedAt is { } businessFirstSolved ? BusinessMinutes(calendar, m.CreatedAt, businessFirstSolved) : null;
        if (!Unsolved.Contains(m.Status) && lastSolvedAt is { } solved)
        {
            m.SolvedAt = solved;
            m.FullResolutionMinutes = Minutes(m.CreatedAt, solved);
            m.FullResolutionBusinessMinutes = BusinessMinutes(calendar, m.CreatedAt, solved);
            (m.RequesterWaitMinutes, m.AgentWaitMinutes, m.OnHoldMinutes) = (Round(requesterWait), Round(agentWait), Round(onHold));
            m.RequesterWaitBusinessMinutes = Round(requesterWaits.Sum(w => calendar.Between(w.From, w.To).TotalMinutes));
            m.OneTouch = m.AgentReplies < 2;
        }
        foreach (var span in spans)
            span.Ticket = m.Attributes();
        foreach (var sentiment in sentiments)
            sentiment.Ticket = m.Attributes();
        m.CustomerComments = sentiments.Count;
        m.Sentiment = Round(sentiments.Average(s => s.Score), 4);
        return new TicketReadModel(m, spans, sentiments);
    }

    private static void Apply(TicketMetrics m, FieldChange change)
    {
        switch (change.Field)
        {
            case "priority" when change.NewValue is not null: m.Priority = change.NewValue; break;
            case "type": m.Type = change.NewValue; break;
            case "category": m.Category = change.NewValue; break;
            case "groupId": m.GroupId = int.TryParse(change.NewValue, out var group) ? group : null; break;
            case "assigneeId": m.AssigneeId = int.TryParse(change.NewValue, out var agent) ? agent : null; break;
        }
    }

    private static double Minutes(DateTimeOffset from, DateTimeOffset to) => Round((to - from).TotalMinutes);

    private static double BusinessMinutes(BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to) => Round(calendar.Between(from, to).TotalMinutes);

    private static double Round(double value, int digits = 2) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
