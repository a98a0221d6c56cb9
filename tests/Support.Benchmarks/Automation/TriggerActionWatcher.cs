using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Support.Benchmarks.Automation;

/// <summary>
/// Subscribes to TicketUpdated as an integrator would and remembers, per ticket, when the first change made by a
/// trigger (actor type "trigger") arrived: the moment a trigger's action is applied and announced.
/// </summary>
public sealed class TriggerActionWatcher : IAsyncDisposable
{
    private const string Exchange = "Support.Contracts.Tickets:TicketUpdated";
    private readonly IConnection connection;
    private readonly IChannel channel;

    private TriggerActionWatcher(IConnection connection, IChannel channel) => (this.connection, this.channel) = (connection, channel);

    public ConcurrentDictionary<int, DateTimeOffset> Applied { get; } = new();

    public static async Task<TriggerActionWatcher> StartAsync(Uri rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "support-automation-benchmark" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var watcher = new TriggerActionWatcher(connection, channel);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, Exchange, routingKey: "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var arrived = DateTimeOffset.UtcNow;
            using var envelope = JsonDocument.Parse(delivery.Body);
            var message = envelope.RootElement.GetProperty("message");
            if (message.GetProperty("actor").GetProperty("type").GetString() == "trigger")
                watcher.Applied.TryAdd(message.GetProperty("ticketId").GetInt32(), arrived);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
