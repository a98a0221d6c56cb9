using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Support.Hosting.Data;

/// <summary>
/// The transaction a change commits in, with the outbox events it causes: either all of it commits, or nothing does.
/// Its owner disposes it (<c>await using</c>): disposed without <see cref="CommitAsync"/>, everything rolls back.
/// Inside a transaction already open (an Idempotency-Key request, which commits its answer with it) the change is a
/// savepoint: its commit keeps it for the outer transaction, its rollback undoes only it.
/// </summary>
public sealed class ChangeTransaction(DbContext db, IDbContextTransaction transaction, string? savepoint) : IAsyncDisposable
{
    private bool committed;

    /// <summary>Writes what is tracked so far (rows get their generated ids; a stale version fails here) without committing.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Writes what is still tracked (the events added since the last save included), then commits.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (savepoint is null)
            await transaction.CommitAsync(cancellationToken);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (savepoint is null)
            await transaction.DisposeAsync();
        else if (!committed && db.Database.CurrentTransaction == transaction)
        {
            try
            {
                await transaction.RollbackToSavepointAsync(savepoint);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                // The outer transaction broke (the database went away) and rolls back whole; the exception being thrown
                // through this dispose is the one that matters (a 503), so this one must not replace it.
            }
        }
    }
}

public static class ChangeTransactions
{
    /// <summary>Begins the transaction of a change and its events (a savepoint, inside a transaction already open).</summary>
    public static async Task<ChangeTransaction> BeginChangeAsync(this DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var savepoint = $"change_{Guid.NewGuid():N}";
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
            return new ChangeTransaction(db, outer, savepoint);
        }
        return new ChangeTransaction(db, await db.Database.BeginTransactionAsync(cancellationToken), null);
    }

    /// <summary>
    /// Begins the transaction of a change holding a lock every instance of the service shares until it commits or rolls
    /// back (a PostgreSQL transaction-level advisory lock). SQLite, the one-process mode, takes its database write lock
    /// at BEGIN, which serialises the same way.
    /// </summary>
    public static async Task<ChangeTransaction> BeginChangeAsync(this DbContext db, long lockKey, CancellationToken cancellationToken)
    {
        var change = await db.BeginChangeAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        return change;
    }

    /// <summary>
    /// Begins the transaction of a change holding a lock named by text (one stream, one customer): changes of one name
    /// are serialised, others run side by side. On SQLite, as above, the whole database is the lock.
    /// </summary>
    public static async Task<ChangeTransaction> BeginChangeAsync(this DbContext db, string lockName, CancellationToken cancellationToken)
    {
        var change = await db.BeginChangeAsync(cancellationToken);
        await db.LockAsync(lockName, cancellationToken);
        return change;
    }

    /// <summary>Takes one more lock named by text in the current transaction, until it ends (a no-op on SQLite, as above).</summary>
    public static async Task LockAsync(this DbContext db, string lockName, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({lockName}))", cancellationToken);
    }

    /// <summary>
    /// Takes the locks named by these texts in the current transaction, in one statement and in ordinal order: any
    /// two transactions that take their locks this way wait for each other instead of deadlocking (a no-op on SQLite).
    /// </summary>
    public static async Task LockAsync(this DbContext db, IEnumerable<string> lockNames, CancellationToken cancellationToken)
    {
        var names = lockNames.Distinct().Order(StringComparer.Ordinal).ToArray();
        // PostgreSQL calls a volatile function of the select list after ORDER BY has sorted the rows.
        if (names.Length > 0 && db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtext(name)) FROM unnest({names}) WITH ORDINALITY AS locks(name, position) ORDER BY position",
                cancellationToken);
    }

    /// <summary>
    /// Saves the tracked changes and then the events built from them (which may need the new rows' generated ids)
    /// in one transaction.
    /// </summary>
    public static async Task SaveWithEventsAsync(this ServiceDbContext db, Action addEvents, CancellationToken cancellationToken)
    {
        await using var change = await db.BeginChangeAsync(cancellationToken);
        await change.SaveAsync(cancellationToken);
        addEvents();
        await change.CommitAsync(cancellationToken);
    }
}
