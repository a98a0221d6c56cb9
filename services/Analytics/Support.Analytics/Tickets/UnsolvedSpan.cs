namespace Support.Analytics.Tickets;

/// <summary>A stretch of time in which the ticket was unsolved (new, open, pending or on-hold): the backlog.</summary>
public class UnsolvedSpan
{
    public int TicketId { get; set; }
    public DateTimeOffset From { get; set; }

    /// <summary>When it was solved (or closed); null: unsolved still.</summary>
    public DateTimeOffset? To { get; set; }

    public TicketAttributes Ticket { get; set; } = new();
}
