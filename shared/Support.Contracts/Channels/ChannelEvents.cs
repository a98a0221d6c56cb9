namespace Support.Contracts.Channels;

// Channels events. Email addresses travel as written; the Ticket service normalises them as it does the API's.

/// <summary>
/// Asks Channels to email a notification: the template's name ("ticket-created", "agent-reply", …), to whom
/// ("requester", "assignee", or an email address), about which ticket, in which locale (none: the ticket's).
/// </summary>
public record NotificationRequested(string Template, string Recipient, int? TicketId, string? Locale, Actor Actor, DateTimeOffset RequestedAt);

public record EmailAttachment(string Name, string ContentType, long Size);

/// <summary>
/// An email accepted for the Ticket service: a reply to <see cref="TicketId"/> when Channels matched its thread,
/// else a new ticket. The body is plain text, quoted history and signature trimmed.
/// </summary>
public record EmailReceived(
    Guid EmailId,
    int? TicketId,
    string FromAddress,
    string FromName,
    string Subject,
    string Body,
    IReadOnlyList<EmailAttachment> Attachments,
    DateTimeOffset ReceivedAt);

/// <summary>A webhook subscription switched off after its deliveries failed for a day.</summary>
public record WebhookDisabled(int WebhookId, string Url, string Reason, DateTimeOffset DisabledAt);
