namespace Support.Channels.Email;

/// <summary>An email to send, rendered when its event arrived; the sender delivers it and retries transient SMTP failures.</summary>
public class OutgoingEmail
{
    public long Id { get; set; }
    public int? TicketId { get; set; }
    public string Template { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    /// <summary>An automatic message (acknowledgement, notification) is marked Auto-Submitted so that no one answers it automatically.</summary>
    public bool Automatic { get; set; }
    public OutgoingEmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
