namespace Support.Channels.Webhooks;

/// <summary>
/// One event for one webhook: its body, made once and sent unchanged (same id) on every attempt, so a receiver can
/// recognise a repeat. Deliveries of one webhook with one <see cref="OrderingKey"/> go out one at a time, in the order
/// they were made: a later one waits while an earlier one is pending.
/// </summary>
public class WebhookDelivery
{
    public const int EventTypeMaxLength = 100;
    public const int OrderingKeyMaxLength = 200;

    public long Id { get; set; }
    public int WebhookId { get; set; }
    public Webhook Webhook { get; set; } = null!;

    /// <summary>The event's MessageId (the body's "id"); a ping's own.</summary>
    public Guid EventId { get; set; }

    public string EventType { get; set; } = "";

    /// <summary>"ticket/42" for a ticket's events, else the event's own subject ("user/7"): see <see cref="WebhookEvent.OrderingKey"/>.</summary>
    public string OrderingKey { get; set; } = "";

    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when a dispatcher is sending it: no other claims it meanwhile; a crashed one's claim lapses.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The first attempt since it was queued (or queued again): retries stop <see cref="WebhookOptions.RetryFor"/> after it.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }

    /// <summary>Failed attempts since it was queued: the exponent of the next retry's delay.</summary>
    public int FailedAttempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was delivered, or given up as failed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public List<WebhookAttempt> Attempts { get; set; } = [];
}
