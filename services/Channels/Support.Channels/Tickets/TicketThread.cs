namespace Support.Channels.Tickets;

/// <summary>Channels' copy of a ticket, fed by ticket events: what its emails need (subject, requester, assignee, locale, thread).</summary>
public class TicketThread
{
    public int TicketId { get; set; }
    public string Subject { get; set; } = "";
    public int RequesterId { get; set; }
    public int? AssigneeId { get; set; }
    public string Status { get; set; } = "new";
    /// <summary>"zh-CN" when the ticket was written in Chinese, else the default locale.</summary>
    public string Locale { get; set; } = "en";
    /// <summary>The Message-ID of the email that opened the ticket, for the acknowledgement's In-Reply-To.</summary>
    public string? OpeningMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
