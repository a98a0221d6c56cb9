using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Hosting.Idempotency;

/// <summary>
/// Adds "this key's request has written" to every save of the request's writes, so the mark commits in the same
/// transaction as the resource, and restarts the key's lease: a request slowed down before its commit (a loaded
/// database) is not taken for dead while it stores its answer, only one that died after committing is. The update is checked against the key's lock token: if a retry took the key over
/// (its owner looked dead), this save fails with a concurrency conflict and nothing of it commits.
/// </summary>
public sealed class IdempotencyCommitMarker : SaveChangesInterceptor
{
    public static readonly IdempotencyCommitMarker Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Mark(DbContext? context)
    {
        if (IdempotentRequest.Current is not { } request || context is null || context.GetType() != request.DbContextType)
            return;
        if (context.ChangeTracker.Entries<IdempotencyKey>().Any(e => e.Entity.Scope == request.Scope && e.Entity.Key == request.Key))
            return;
        if (!context.ChangeTracker.HasChanges())
            return;
        var entry = context.Set<IdempotencyKey>().Attach(new IdempotencyKey
        {
            Scope = request.Scope,
            Key = request.Key,
            RequestHash = "",
            LockToken = request.LockToken,
        });
        entry.Property(k => k.ResourceCommitted).CurrentValue = true;
        entry.Property(k => k.ResourceCommitted).IsModified = true;
        entry.Property(k => k.LockedAt).CurrentValue = request.Clock.GetUtcNow();
        entry.Property(k => k.LockedAt).IsModified = true;
    }
}
