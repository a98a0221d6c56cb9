using MassTransit;
using Support.Hosting.Http;

namespace Support.Analytics.EventStore;

/// <summary>Records every event of type <typeparamref name="TEvent"/>: all share the one "analytics-events" queue.</summary>
public sealed class EventRecorder<TEvent>(Projector projector) : IConsumer<TEvent> where TEvent : class
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        CorrelationId.Current = context.Headers.Get<string>(CorrelationId.HeaderName) ?? context.CorrelationId?.ToString("N");
        var messageId = context.MessageId ?? throw new ArgumentException($"{typeof(TEvent).Name} has no MessageId.");
        await projector.RecordAsync(context.Message, messageId, context.CancellationToken);
    }
}
