using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Support.Benchmarks;

/// <summary>
/// Subscribes to TicketCreated as an integrator would: its own exclusive queue bound to the fanout exchange MassTransit
/// publishes to, reading MassTransit's JSON envelope. Remembers, per ticket id, how long after the ticket's createdAt
/// the event arrived.
/// </summary>
public sealed class TicketCreatedSubscriber : IAsyncDisposable
{
    public const string Exchange = "Support.Contracts.Tickets:TicketCreated";

    private readonly Dictionary<int, double> latencyMsByTicket = new(65_536);
    private readonly IConnection connection;
    private readonly IChannel channel;
    private int unreadable;

    private TicketCreatedSubscriber(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public int Unreadable => Volatile.Read(ref unreadable);

    public static async Task<TicketCreatedSubscriber> StartAsync(Uri rabbitMq)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "support-ticket-benchmark" };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var subscriber = new TicketCreatedSubscriber(connection, channel);

        // Same declaration as MassTransit's (durable fanout), so it does not matter which side declares it first.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, Exchange, routingKey: "");

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            subscriber.Record(delivery.Body.Span, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return subscriber;
    }

    /// <summary>Waits until every one of the tickets' events has arrived, or the time is up; returns how many arrived.</summary>
    public async Task<int> WaitForAsync(IReadOnlyList<int> ticketIds, TimeSpan maxWait)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (true)
        {
            var delivered = CountDelivered(ticketIds);
            if (delivered == ticketIds.Count || DateTime.UtcNow >= deadline)
                return delivered;
            await Task.Delay(100);
        }
    }

    /// <summary>Event latencies (ms) of the tickets whose events arrived.</summary>
    public List<double> LatenciesMs(IReadOnlyList<int> ticketIds)
    {
        var latencies = new List<double>(ticketIds.Count);
        lock (latencyMsByTicket)
        {
            foreach (var id in ticketIds)
            {
                if (latencyMsByTicket.TryGetValue(id, out var ms))
                    latencies.Add(ms);
            }
        }
        return latencies;
    }

    private int CountDelivered(IReadOnlyList<int> ticketIds)
    {
        var delivered = 0;
        lock (latencyMsByTicket)
        {
            foreach (var id in ticketIds)
            {
                if (latencyMsByTicket.ContainsKey(id))
                    delivered++;
            }
        }
        return delivered;
    }

    private void Record(ReadOnlySpan<byte> envelope, DateTimeOffset receivedAt)
    {
        if (!TryRead(envelope, out var ticketId, out var createdAt))
        {
            Interlocked.Increment(ref unreadable);
            return;
        }
        lock (latencyMsByTicket)
            latencyMsByTicket.TryAdd(ticketId, (receivedAt - createdAt).TotalMilliseconds); // a redelivery keeps the first
    }

    // {"messageId":…,"messageType":[…],"message":{"ticketId":…,"createdAt":…,…},…}
    private static bool TryRead(ReadOnlySpan<byte> envelope, out int ticketId, out DateTimeOffset createdAt)
    {
        ticketId = 0;
        createdAt = default;
        bool hasId = false, hasCreatedAt = false, inMessage = false;
        try
        {
            var reader = new Utf8JsonReader(envelope);
            while (!(hasId && hasCreatedAt) && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                    continue;
                if (reader.CurrentDepth == 1)
                    inMessage = reader.ValueTextEquals("message"u8);
                else if (inMessage && reader.CurrentDepth == 2 && reader.ValueTextEquals("ticketId"u8))
                    hasId = reader.Read() && reader.TryGetInt32(out ticketId);
                else if (inMessage && reader.CurrentDepth == 2 && reader.ValueTextEquals("createdAt"u8))
                    hasCreatedAt = reader.Read() && reader.TryGetDateTimeOffset(out createdAt);
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return hasId && hasCreatedAt;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await channel.DisposeAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }
}
