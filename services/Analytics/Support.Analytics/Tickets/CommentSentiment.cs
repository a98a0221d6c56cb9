namespace Support.Analytics.Tickets;

/// <summary>The sentiment of one public customer comment; comment 0 is the ticket's description.</summary>
public class CommentSentiment
{
    public int TicketId { get; set; }
    public long CommentId { get; set; }
    public int CustomerId { get; set; }
    public DateTimeOffset At { get; set; }
    public double Score { get; set; }
    public TicketAttributes Ticket { get; set; } = new();
}
