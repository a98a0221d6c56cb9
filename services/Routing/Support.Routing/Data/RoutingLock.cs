using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Support.Routing.Data;

/// <summary>
/// Every routing decision (assign, queue, drain, escalate, a load or availability change) runs in a transaction
/// holding one lock shared by all Routing instances, so no two decisions read the same loads or queue at once:
/// no agent goes above capacity, no ticket is handed out twice, and the queue drains in order.
/// </summary>
public static class RoutingLock
{
    public const long Key = 0x5275_7469_6e67; // "Routing"

    public static async Task<IDbContextTransaction> EnterAsync(RoutingDbContext db, CancellationToken cancellationToken)
    {
        // SQLite (standalone mode) takes its database write lock at BEGIN, which serialises the same way.
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
        return transaction;
    }
}
