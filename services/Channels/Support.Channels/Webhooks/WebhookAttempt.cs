namespace Support.Channels.Webhooks;

/// <summary>One try at sending a delivery: the receiver's answer (status, the start of its body) or why there was none.</summary>
public class WebhookAttempt
{
    public const int ResponseMaxBytes = 1024;
    public const int ErrorMaxLength = 500;

    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>The receiver's HTTP status; none when it was not reached or did not answer in time (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }
    public int LatencyMs { get; set; }

    /// <summary>The first kilobyte of the receiver's answer.</summary>
    public string? Response { get; set; }
}
