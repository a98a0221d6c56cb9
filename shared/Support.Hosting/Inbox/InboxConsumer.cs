using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Hosting.Inbox;

/// <summary>
/// A consumer that applies each message once: it records the MessageId in its service's inbox in the same
/// transaction as its effect (and any events it queues), and skips a message it has already recorded.
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db, TimeProvider clock, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;
    protected TimeProvider Clock => clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        if (Ignores(context.Message))
            return;
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no MessageId.");
        var consumer = GetType().Name;
        db.ChangeTracker.Clear(); // a retried attempt starts from what the database holds
        var correlationId = context.Headers.Get<string>(CorrelationId.HeaderName) ?? context.CorrelationId?.ToString("N");
        CorrelationId.Current = correlationId;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = correlationId, ["MessageId"] = messageId });

        if (await db.Inbox.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
        {
            logger.LogInformation("{Consumer} skipped {MessageType} {MessageId}: already handled", consumer, typeof(TMessage).Name, messageId);
            return;
        }

        db.Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = clock.GetUtcNow() });
        try
        {
            await Handle(context);
            // A concurrent redelivery that got here too fails on the inbox key, retries, and then finds the row.
            await db.SaveChangesAsync(context.CancellationToken);
            if (db.Database.CurrentTransaction is { } transaction)
                await transaction.CommitAsync(context.CancellationToken);
        }
        finally
        {
            if (db.Database.CurrentTransaction is { } unfinished)
                await unfinished.DisposeAsync();
        }
    }

    /// <summary>A message this consumer never acts on, whatever the database holds: skipped before the inbox, with no write.</summary>
    protected virtual bool Ignores(TMessage message) => false;

    /// <summary>
    /// Applies the message to <see cref="Db"/> without saving: the base class saves once, with the inbox row, and
    /// commits the transaction the handler began, if it began one (to hold a lock until the effect commits).
    /// </summary>
    protected abstract Task Handle(ConsumeContext<TMessage> context);
}
