using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;

namespace Support.Hosting.Idempotency;

/// <summary>
/// Renews the lease of a key while its request runs and until its answer is stored, so a request that is only slow
/// (a loaded machine, a wait on a lock) is never taken for dead: a retry is told "still in progress", not that the
/// answer was lost or that it took over. Only an owner that stopped renewing, because its process died, loses its key.
/// </summary>
internal sealed class IdempotencyLeaseRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    private IdempotencyLeaseRenewal(IServiceScopeFactory scopes, IdempotentRequest request, TimeSpan every, ILogger logger) =>
        renewing = RenewAsync(scopes, request, every, logger, stop.Token);

    public static IdempotencyLeaseRenewal Start(IServiceScopeFactory scopes, IdempotentRequest request, TimeSpan lease, ILogger logger) =>
        new(scopes, request, lease / 3, logger);

    private static async Task RenewAsync(IServiceScopeFactory scopes, IdempotentRequest request, TimeSpan every, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every, request.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    // A renewal that waited (behind the owner's own commit, or for a pooled connection) wrote a time that
                    // was already old: renew again at once.
                    while (await RenewOnceAsync(scopes, request, cancellationToken) > every / 10)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The lease of an Idempotency-Key in use could not be renewed; retrying at the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<TimeSpan> RenewOnceAsync(IServiceScopeFactory scopes, IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(request.DbContextType);
        var now = request.Clock.GetUtcNow();
        await db.Set<IdempotencyKey>()
            .Where(k => k.Scope == request.Scope && k.Key == request.Key && k.LockToken == request.LockToken && k.StatusCode == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LockedAt, now), cancellationToken);
        return request.Clock.GetUtcNow() - now;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }
}
