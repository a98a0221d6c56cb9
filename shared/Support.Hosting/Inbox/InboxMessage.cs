namespace Support.Hosting.Inbox;

/// <summary>A message a consumer has handled, recorded in the same transaction as its effect.</summary>
public class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
