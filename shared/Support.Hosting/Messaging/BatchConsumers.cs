using MassTransit;
using Microsoft.Extensions.Configuration;

namespace Support.Hosting.Messaging;

public static class BatchConsumers
{
    /// <summary>
    /// Registers a consumer of <see cref="Batch{T}"/> messages: up to <c>MessageLimit</c> (100; a backlog drains in batches
    /// that fill at once) or what came within <c>TimeLimit</c> (50 ms) of the first (a trickle waits no longer), and
    /// <c>ConcurrencyLimit</c> (2) batches at once, read from <paramref name="settings"/>. A message
    /// <paramref name="isValid"/> rejects (its consumer would throw ArgumentException, which is not retried) is a batch of
    /// its own, so it alone lands in _error.
    /// </summary>
    public static void AddBatchConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus, IConfiguration settings, Func<TMessage, bool>? isValid = null)
        where TConsumer : class, IConsumer<Batch<TMessage>>
        where TMessage : class
    {
        var (messageLimit, batches) = (settings.GetValue("MessageLimit", 100), settings.GetValue("ConcurrencyLimit", 2));
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(options =>
            {
                options.SetMessageLimit(messageLimit).SetTimeLimit(settings.GetValue("TimeLimit", TimeSpan.FromMilliseconds(50))).SetConcurrencyLimit(batches);
                if (isValid is not null)
                    options.GroupBy<TMessage, Guid>(message => isValid(message.Message) ? null : message.MessageId);
            }))
            .Endpoint(endpoint => endpoint.ConcurrentMessageLimit = messageLimit * batches);
    }
}
