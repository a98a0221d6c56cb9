using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Hosting.Outbox;

/// <summary>Wakes this process's relay as soon as a unit of work with events commits, so it need not poll fast.</summary>
public sealed class OutboxSignal<TContext> : SaveChangesInterceptor where TContext : DbContext
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notify(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify(eventData.Context);
        return result;
    }

    // A unit of work inside an explicit transaction commits later; the relay's poll picks those up.
    private void Notify(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null
            && context.ChangeTracker.Entries<OutboxMessage>().Any())
            Pulse();
    }

    public void Pulse()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
