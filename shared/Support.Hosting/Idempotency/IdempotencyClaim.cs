using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;

namespace Support.Hosting.Idempotency;

public enum ClaimOutcome
{
    /// <summary>This request owns the key and runs.</summary>
    Owned,
    /// <summary>The first request finished: its answer is replayed.</summary>
    Answered,
    /// <summary>The key was first used with another request body.</summary>
    OtherRequest,
    /// <summary>The first request is still running.</summary>
    InFlight,
    /// <summary>
    /// The first request's writes committed without its answer: not since answers commit in the same transaction as
    /// the writes, but a key left by an earlier version may still say so.
    /// </summary>
    AnswerLost,
}

/// <summary>Taking a key for a request: the key's primary key decides between concurrent first uses.</summary>
public sealed record IdempotencyClaim(ClaimOutcome Outcome, IdempotencyKey? Existing = null, Guid LockToken = default)
{
    public static async Task<IdempotencyClaim> TakeAsync(ServiceDbContext db, string scope, string key, string requestHash,
        IdempotencyOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read first: a plain read never waits, while an insert colliding with a key whose owner is committing would.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Set<IdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Scope == scope && k.Key == key, cancellationToken);
            if (existing is null)
            {
                var claimed = new IdempotencyKey { Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = now, LockedAt = now, LockToken = Guid.NewGuid() };
                db.Add(claimed);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new IdempotencyClaim(ClaimOutcome.Owned, LockToken: claimed.LockToken);
                }
                catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
                {
                    db.ChangeTracker.Clear(); // a concurrent first use won: read what it holds
                    continue;
                }
            }
            if (existing.CreatedAt <= now - options.Retention)
                return await TakeOverAsync(db, existing, requestHash, now, expired: true, cancellationToken);
            if (existing.RequestHash != requestHash)
                return new IdempotencyClaim(ClaimOutcome.OtherRequest, existing);
            if (existing.StatusCode is not null)
                return new IdempotencyClaim(ClaimOutcome.Answered, existing);
            if (existing.LockedAt > now - options.Lease)
                return new IdempotencyClaim(ClaimOutcome.InFlight, existing);
            // The owner is overdue, so presumed dead: if it wrote, running again would duplicate; if not, this retry runs.
            return existing.ResourceCommitted
                ? new IdempotencyClaim(ClaimOutcome.AnswerLost, existing)
                : await TakeOverAsync(db, existing, requestHash, now, expired: false, cancellationToken);
        }
    }

    private static async Task<IdempotencyClaim> TakeOverAsync(ServiceDbContext db, IdempotencyKey existing, string requestHash,
        DateTimeOffset now, bool expired, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var rows = db.Set<IdempotencyKey>().Where(k => k.Scope == existing.Scope && k.Key == existing.Key && k.LockToken == existing.LockToken);
        var taken = expired
            ? await rows.ExecuteUpdateAsync(s => s
                .SetProperty(k => k.LockToken, token).SetProperty(k => k.LockedAt, now)
                .SetProperty(k => k.RequestHash, requestHash).SetProperty(k => k.CreatedAt, now)
                .SetProperty(k => k.ResourceCommitted, false).SetProperty(k => k.StatusCode, (int?)null)
                .SetProperty(k => k.Location, (string?)null).SetProperty(k => k.ETag, (string?)null)
                .SetProperty(k => k.ContentType, (string?)null).SetProperty(k => k.Body, (byte[]?)null), cancellationToken)
            : await rows.Where(k => !k.ResourceCommitted)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LockToken, token).SetProperty(k => k.LockedAt, now), cancellationToken);
        return taken == 1 ? new IdempotencyClaim(ClaimOutcome.Owned, LockToken: token) : new IdempotencyClaim(ClaimOutcome.InFlight, existing);
    }

    /// <summary>Keeps the first answer for repeats.</summary>
    public static Task RecordAnswerAsync(ServiceDbContext db, IdempotentRequest request, HttpResponse response, byte[] body, CancellationToken cancellationToken) =>
        Owned(db, request).ExecuteUpdateAsync(s => s
            .SetProperty(k => k.StatusCode, response.StatusCode)
            .SetProperty(k => k.Location, Header(response.Headers.Location))
            .SetProperty(k => k.ETag, Header(response.Headers.ETag))
            .SetProperty(k => k.ContentType, response.ContentType)
            .SetProperty(k => k.Body, body), cancellationToken);

    /// <summary>Gives the key up so a retry runs again, unless the request's writes committed (then a retry must not).</summary>
    public static async Task<bool> ReleaseAsync(ServiceDbContext db, IdempotentRequest request, CancellationToken cancellationToken) =>
        await Owned(db, request).Where(k => !k.ResourceCommitted).ExecuteDeleteAsync(cancellationToken) == 1;

    private static IQueryable<IdempotencyKey> Owned(ServiceDbContext db, IdempotentRequest request) =>
        db.Set<IdempotencyKey>().Where(k => k.Scope == request.Scope && k.Key == request.Key && k.LockToken == request.LockToken);

    private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
