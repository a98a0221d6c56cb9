using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Hosting.Inbox;

/// <summary>
/// Exactly-once handling, shared by <see cref="InboxConsumer{TMessage, TContext}"/> and
/// <see cref="InboxBatchConsumer{TMessage, TContext}"/>: the messages not yet in the inbox are applied in one unit of
/// work with their inbox rows, saved once, and committed with the transaction the handler began, if it began one.
/// </summary>
internal static class Inbox
{
    public static async Task ApplyOnceAsync<TMessage>(
        ServiceDbContext db, string consumer, TimeProvider clock, ILogger logger, IReadOnlyList<ConsumeContext<TMessage>> messages,
        Func<IReadOnlyList<ConsumeContext<TMessage>>, CancellationToken, Task> prepare, Func<ConsumeContext<TMessage>, Task> handle,
        Func<CancellationToken, Task> finish, CancellationToken cancellationToken)
        where TMessage : class
    {
        db.ChangeTracker.Clear(); // a retried attempt starts from what the database holds
        var unique = messages.DistinctBy(MessageIdOf).ToList();
        var ids = unique.Select(MessageIdOf).ToList();
        var handled = (await db.Inbox.Where(m => m.Consumer == consumer && ids.Contains(m.MessageId)).Select(m => m.MessageId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var fresh = new List<ConsumeContext<TMessage>>(unique.Count);
        foreach (var message in unique)
        {
            if (!handled.Contains(MessageIdOf(message)))
                fresh.Add(message);
            else
                using (BeginScope(logger, message))
                    logger.LogInformation("{Consumer} skipped {MessageType} {MessageId}: already handled", consumer, typeof(TMessage).Name, MessageIdOf(message));
        }
        if (fresh.Count == 0)
            return;

        var now = clock.GetUtcNow();
        db.Inbox.AddRange(fresh.Select(m => new InboxMessage { MessageId = MessageIdOf(m), Consumer = consumer, ProcessedAt = now }));
        try
        {
            await prepare(fresh, cancellationToken);
            foreach (var message in fresh)
                using (BeginScope(logger, message))
                    await handle(message);
            await finish(cancellationToken);
            // A concurrent redelivery that got here too fails on the inbox key, retries, and then finds the row.
            await db.SaveChangesAsync(cancellationToken);
            if (db.Database.CurrentTransaction is { } transaction)
                await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (db.Database.CurrentTransaction is { } unfinished)
                await unfinished.DisposeAsync();
        }
    }

    private static Guid MessageIdOf<TMessage>(ConsumeContext<TMessage> context) where TMessage : class =>
        context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no MessageId.");

    /// <summary>The message's correlation id, carried by the events it causes, and its log scope.</summary>
    private static IDisposable? BeginScope<TMessage>(ILogger logger, ConsumeContext<TMessage> context) where TMessage : class
    {
        var correlationId = context.Headers.Get<string>(CorrelationId.HeaderName) ?? context.CorrelationId?.ToString("N");
        CorrelationId.Current = correlationId;
        return logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = correlationId, ["MessageId"] = MessageIdOf(context) });
    }
}
