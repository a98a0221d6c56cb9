using MassTransit;

namespace Support.Analytics.EventStore;

/// <summary>
/// Records the events of type <typeparamref name="TEvent"/> a batch at a time, in one transaction per batch: all event
/// types share the one "analytics-events" queue, each type gathers its own batches.
/// </summary>
public sealed class EventRecorder<TEvent>(Projector projector) : IConsumer<Batch<TEvent>> where TEvent : class
{
    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        // Not an ArgumentException, which is not retried and would send the whole batch to _error: retried, each message
        // comes alone (MassTransit delivers a retried message as a batch of one), and only this one ends there.
        var messages = context.Message.Select(m => ((object)m.Message, m.MessageId ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no MessageId."))).ToList();
        await projector.RecordAsync(messages, context.CancellationToken);
    }
}

/// <summary>
/// Batches of up to <see cref="MessageLimit"/> events, or what arrived within <see cref="TimeLimit"/> of the first; the
/// queue lets enough messages in flight for several event types to fill their batches at once.
/// </summary>
public sealed class EventRecorderDefinition<TEvent> : ConsumerDefinition<EventRecorder<TEvent>> where TEvent : class
{
    public const int MessageLimit = 100;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);
    private const int MessagesInFlight = 500;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<EventRecorder<TEvent>> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = MessagesInFlight;
        endpointConfigurator.ConcurrentMessageLimit = MessagesInFlight;
        // One batch of a type at a time: the batches of the other types run beside it, each holding a database connection.
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(1));
    }
}
