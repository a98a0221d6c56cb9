namespace Support.Hosting.Idempotency;

/// <summary>The key the current request owns, seen by <see cref="IdempotencyCommitMarker"/> when the request's writes are saved.</summary>
public sealed record IdempotentRequest(Type DbContextType, string Scope, string Key, Guid LockToken, TimeProvider Clock)
{
    private static readonly AsyncLocal<IdempotentRequest?> current = new();

    /// <summary>The request's key while it runs; a task the request started that outlives it no longer sees one.</summary>
    public static IdempotentRequest? Current
    {
        get => current.Value is { Ended: false } request ? request : null;
        internal set => current.Value = value;
    }

    internal bool Ended { get; set; }
}
