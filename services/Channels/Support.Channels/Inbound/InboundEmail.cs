namespace Support.Channels.Inbound;

/// <summary>A received email and what became of it: its ticket (and comment) once the Ticket service applied it, or why not.</summary>
public class InboundEmail
{
    public Guid Id { get; set; }
    /// <summary>The message's Message-ID (one is made up for a message without one); unique: the same message twice is one.</summary>
    public string MessageId { get; set; } = "";
    public string FromAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Source { get; set; } = "";
    public long Size { get; set; }
    public InboundEmailStatus Status { get; set; }
    public string? Reason { get; set; }
    public int? TicketId { get; set; }
    public long? CommentId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
