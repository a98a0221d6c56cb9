namespace Support.Hosting.Idempotency;

/// <summary>Configuration section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key and its first answer are kept (Stripe keeps them 24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claimed key with no answer counts as in flight after its owner last renewed it (the owner renews it
    /// every third of this while it runs); after that the owner is taken for dead and a retry may run in its place (the
    /// commit marker keeps the two from both creating).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
