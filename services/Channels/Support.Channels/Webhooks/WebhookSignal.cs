using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Channels.Webhooks;

/// <summary>
/// Wakes this process's dispatcher when deliveries are queued or settled (once their transaction commits), so it
/// sends new ones at once and the next one of a key right after the one before; other instances' find them by polling.
/// </summary>
public sealed class WebhookSignal : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, object> pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<WebhookDelivery>().Any(e => e.State is EntityState.Added or EntityState.Modified))
            pending.AddOrUpdate(context, this);
        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
            PulseIfPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PulseIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            pending.Remove(context);
        return Task.CompletedTask;
    }

    private void PulseIfPending(DbContext? context)
    {
        if (context is not null && pending.Remove(context))
            Pulse();
    }

    public void Pulse()
    {
        if (signal.CurrentCount > 0)
            return;
        try { signal.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>True when woken, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
