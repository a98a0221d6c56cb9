using Support.Hosting.Data;

namespace Support.Routing.Data;

/// <summary>
/// Every routing decision (assign, queue, drain, escalate, a load or availability change) runs in a transaction
/// holding one lock shared by all Routing instances, so no two decisions read the same loads or queue at once:
/// no agent goes above capacity, no ticket is handed out twice, and the queue drains in order.
/// </summary>
public static class RoutingLock
{
    public const long Key = 0x5275_7469_6e67; // "Routing"

    /// <summary>
    /// Begins the change's transaction holding the lock; its caller owns it (<c>await using</c>) and commits it. A consumer
    /// leaves it to <see cref="Support.Hosting.Inbox.InboxConsumer{TMessage, TContext}"/> (or
    /// <see cref="Support.Hosting.Inbox.InboxBatchConsumer{TMessage, TContext}"/>), which commits it with the inbox rows.
    /// </summary>
    public static Task<ChangeTransaction> EnterAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        db.BeginChangeAsync(Key, cancellationToken);
}
