namespace Support.Hosting.Idempotency;

/// <summary>The key the current request owns, seen by <see cref="IdempotencyCommitMarker"/> when the request's writes are saved.</summary>
public sealed record IdempotentRequest(Type DbContextType, string Scope, string Key, Guid LockToken)
{
    private static readonly AsyncLocal<IdempotentRequest?> current = new();

    public static IdempotentRequest? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }
}
