namespace Support.Analytics.Tickets;

/// <summary>
/// One ticket's metrics as Zendesk defines them, in calendar minutes, with the attributes reports group by.
/// Times that depend on a solve (wait times, resolution) are set while the ticket is solved or closed.
/// The business-minute twins count only the open hours of the schedule of the ticket's group (else the default
/// schedule, else every hour: then they equal the calendar ones), by that schedule as it is now, not as it was then.
/// </summary>
public class TicketMetrics
{
    public int TicketId { get; set; }
    public int RequesterId { get; set; }
    public int? OrganizationId { get; set; }
    public string Channel { get; set; } = "";
    public string Priority { get; set; } = "";
    public string? Type { get; set; }
    public string? Category { get; set; }
    public int? GroupId { get; set; }
    public int? AssigneeId { get; set; }
    public string Status { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstReplyAt { get; set; }
    public DateTimeOffset? FirstSolvedAt { get; set; }

    /// <summary>The last solve, while the ticket stays solved or closed: when it counts as solved.</summary>
    public DateTimeOffset? SolvedAt { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public double? FirstReplyMinutes { get; set; }
    public double? FirstResolutionMinutes { get; set; }
    public double? FullResolutionMinutes { get; set; }

    /// <summary>Minutes in new, open and on-hold, up to the last solve.</summary>
    public double? RequesterWaitMinutes { get; set; }

    public double? FirstReplyBusinessMinutes { get; set; }
    public double? FirstResolutionBusinessMinutes { get; set; }
    public double? FullResolutionBusinessMinutes { get; set; }
    public double? RequesterWaitBusinessMinutes { get; set; }

    /// <summary>Minutes in pending, up to the last solve.</summary>
    public double? AgentWaitMinutes { get; set; }

    public double? OnHoldMinutes { get; set; }
    public int Reopens { get; set; }
    public int AgentReplies { get; set; }

    /// <summary>Solved with fewer than two agent replies; null while unsolved.</summary>
    public bool? OneTouch { get; set; }

    /// <summary>"good" or "bad": the requester's latest rating.</summary>
    public string? Satisfaction { get; set; }

    /// <summary>The mean sentiment of the requester's public comments (the description counts as the first).</summary>
    public double? Sentiment { get; set; }

    public int CustomerComments { get; set; }

    /// <summary>Takes the business minutes of the same ticket computed again (by a schedule that changed).</summary>
    public void TakeBusinessMinutes(TicketMetrics other) =>
        (FirstReplyBusinessMinutes, FirstResolutionBusinessMinutes, FullResolutionBusinessMinutes, RequesterWaitBusinessMinutes) =
        (other.FirstReplyBusinessMinutes, other.FirstResolutionBusinessMinutes, other.FullResolutionBusinessMinutes, other.RequesterWaitBusinessMinutes);

    public TicketAttributes Attributes() => new()
    {
        Channel = Channel, Priority = Priority, Category = Category, GroupId = GroupId, AssigneeId = AssigneeId, OrganizationId = OrganizationId,
    };
}
