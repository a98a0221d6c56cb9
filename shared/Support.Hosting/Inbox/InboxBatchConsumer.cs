using MassTransit;
using Support.Hosting.Data;

namespace Support.Hosting.Inbox;

/// <summary>
/// An <see cref="InboxConsumer{TMessage, TContext}"/> for a batch of messages (a MassTransit Batch): the messages not
/// handled yet, each once, are applied in order in one unit of work with their inbox rows and saved and committed together,
/// so the batch commits whole or, failing, is retried whole with nothing written.
/// </summary>
public abstract class InboxBatchConsumer<TMessage, TContext>(TContext db, TimeProvider clock, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;
    protected TimeProvider Clock => clock;

    public Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var messages = context.Message.Where(m => !Ignores(m.Message)).ToList();
        return messages.Count == 0
            ? Task.CompletedTask
            : Inbox.ApplyOnceAsync(db, GetType().Name, clock, logger, messages, PrepareAsync, Handle, FinishAsync, context.CancellationToken);
    }

    /// <summary>A message this consumer never acts on, whatever the database holds: skipped before the inbox, with no write.</summary>
    protected virtual bool Ignores(TMessage message) => false;

    /// <summary>
    /// Runs once before the messages are handled, with those not handled yet: the place for the work the batch shares
    /// (a transaction and its lock, loading the rows the messages touch in one query).
    /// </summary>
    protected virtual Task PrepareAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Applies one message to <see cref="Db"/> without saving: the base class saves once, after the whole batch, with the
    /// inbox rows, and commits the transaction <see cref="PrepareAsync"/> or a handler began, if one began.
    /// </summary>
    protected abstract Task Handle(ConsumeContext<TMessage> context);

    /// <summary>Runs once after the messages are handled, before the save: the work the batch's changes share (one queue drain).</summary>
    protected virtual Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
