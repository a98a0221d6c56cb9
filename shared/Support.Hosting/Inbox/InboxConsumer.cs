using MassTransit;
using Support.Hosting.Data;

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

    public Task Consume(ConsumeContext<TMessage> context) =>
        Ignores(context.Message)
            ? Task.CompletedTask
            : Inbox.ApplyOnceAsync(db, GetType().Name, clock, logger, [context], (_, _) => Task.CompletedTask, Handle, _ => Task.CompletedTask,
                context.CancellationToken);

    /// <summary>A message this consumer never acts on, whatever the database holds: skipped before the inbox, with no write.</summary>
    protected virtual bool Ignores(TMessage message) => false;

    /// <summary>
    /// Applies the message to <see cref="Db"/> without saving: the base class saves once, with the inbox row, and
    /// commits the transaction the handler began, if it began one (to hold a lock until the effect commits).
    /// </summary>
    protected abstract Task Handle(ConsumeContext<TMessage> context);
}
