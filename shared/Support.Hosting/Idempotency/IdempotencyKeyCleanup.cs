using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;

namespace Support.Hosting.Idempotency;

/// <summary>Deletes a service's expired keys now and then (one indexed DELETE; each replica may run it).</summary>
public sealed class IdempotencyKeyCleanup<TContext>(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyKeyCleanup<TContext>> logger) : BackgroundService where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Expired idempotency keys of {Context} could not be deleted; trying again later", typeof(TContext).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var expiredBefore = clock.Now() - options.Value.Retention;
        return await db.Set<IdempotencyKey>().Where(k => k.CreatedAt <= expiredBefore).ExecuteDeleteAsync(cancellationToken);
    }
}
