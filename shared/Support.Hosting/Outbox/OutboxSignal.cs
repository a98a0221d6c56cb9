using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Hosting.Outbox;

/// <summary>Wakes this process's relay as soon as events commit, so the relay need not poll fast.</summary>
public sealed class OutboxSignal<TContext> : ISaveChangesInterceptor, IDbTransactionInterceptor where TContext : DbContext
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, object> savedEvents = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PulseIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PulseIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => PulseIfRemembered(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PulseIfRemembered(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            savedEvents.AddOrUpdate(context, this);
    }

    private void PulseIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
            PulseIfRemembered(context);
    }

    private void PulseIfRemembered(DbContext? context)
    {
        if (context is not null && savedEvents.Remove(context))
            Pulse();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            savedEvents.Remove(context);
    }

    private void Pulse()
    {
        if (signal.CurrentCount > 0)
            return;
        try { signal.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>True when woken by committed events, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
