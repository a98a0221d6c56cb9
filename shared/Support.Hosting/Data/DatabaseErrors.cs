using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Support.Hosting.Data;

public static class DatabaseErrors
{
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE"),
        _ => false,
    };
}

public static class ConcurrencyRetry
{
    /// <summary>
    /// Runs a load-change-save attempt again on a fresh change tracker when another writer got there first; the
    /// attempt re-reads the row, so an If-Match check inside it turns a lost race into a 412.
    /// </summary>
    public static async Task<T> RetryOnConcurrencyAsync<T>(this DbContext db, Func<Task<T>> attempt, CancellationToken cancellationToken, int attempts = 3)
    {
        for (var i = 1; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (i < attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
