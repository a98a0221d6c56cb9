namespace Support.Hosting.Idempotency;

/// <summary>
/// A client's Idempotency-Key for one method and path of a service: claimed while its first request runs, marked in the
/// transaction that commits what the request created, and holding the first answer for repeats until it expires.
/// </summary>
public sealed class IdempotencyKey
{
    public const int KeyMaxLength = 255;
    public const int ScopeMaxLength = 300;

    /// <summary>Method and path, e.g. "POST /api/tickets/7/comments".</summary>
    public required string Scope { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the query string and body, in hex: a repeat must send the same.</summary>
    public required string RequestHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Which attempt owns the key; the commit marker checks it, so only the owner's writes can commit.</summary>
    public Guid LockToken { get; set; }
    public DateTimeOffset LockedAt { get; set; }
    /// <summary>Set in the same transaction as the request's writes: from then on the request must never run again.</summary>
    public bool ResourceCommitted { get; set; }

    public int? StatusCode { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
}
