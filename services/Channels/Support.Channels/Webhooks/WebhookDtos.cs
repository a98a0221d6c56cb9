namespace Support.Channels.Webhooks;

/// <summary>
/// The body of POST /api/channels/webhooks: the URL, the events (names such as "TicketCreated", or "*"), a secret of at
/// least 16 characters (none: one is made and answered once), and leave to reach private networks (default no).
/// </summary>
public record CreateWebhookRequest(string? Url, IReadOnlyList<string?>? Events, string? Secret, bool? AllowPrivateNetwork);

/// <summary>The body of PATCH /api/channels/webhooks/{id}: send only the fields to change; "active": true re-enables a disabled webhook.</summary>
public record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Active, bool? AllowPrivateNetwork);

/// <summary>A webhook; its secret only in the answer to its creation.</summary>
public record WebhookResponse(
    int Id, string Url, IReadOnlyList<string> Events, bool Active, bool AllowPrivateNetwork, DateTimeOffset? FailingSince,
    DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret = null)
{
    public static WebhookResponse From(Webhook w) =>
        new(w.Id, w.Url, w.Events, w.Active, w.AllowPrivateNetwork, w.FailingSince, w.DisabledAt, w.DisabledReason, w.CreatedAt, w.UpdatedAt);
}

public record WebhookAttemptResponse(DateTimeOffset AttemptedAt, bool Succeeded, int? StatusCode, string? Error, int LatencyMs, string? Response)
{
    public static WebhookAttemptResponse From(WebhookAttempt a) => new(a.AttemptedAt, a.Succeeded, a.StatusCode, a.Error, a.LatencyMs, a.Response);
}

/// <summary>A delivery and its attempts, oldest first; nextAttemptAt while it is pending.</summary>
public record WebhookDeliveryResponse(
    long Id, Guid EventId, string EventType, string OrderingKey, WebhookDeliveryStatus Status, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, IReadOnlyList<WebhookAttemptResponse> Attempts)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.OrderingKey, d.Status, d.CreatedAt,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt,
            d.Attempts.OrderBy(a => a.Id).Select(WebhookAttemptResponse.From).ToList());
}
