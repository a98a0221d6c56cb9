namespace Support.Channels.Webhooks;

/// <summary>How deliveries are sent and retried (configuration section "Webhooks").</summary>
public sealed class WebhookOptions
{
    /// <summary>How long one attempt may take, the receiver's answer included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its first attempt a delivery is retried before it is marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a webhook's attempts may fail with no success in between before it is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts one instance of the service has in flight at most.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 64;

    /// <summary>How often the dispatcher looks for due deliveries when nothing in this process woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the dispatcher lets wake-ups gather before it claims, so a busy one claims in batches.</summary>
    public TimeSpan Coalesce { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a claim holds: past it, a delivery whose dispatcher died is sent again.</summary>
    public TimeSpan ClaimFor => AttemptTimeout + TimeSpan.FromSeconds(30);

    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
