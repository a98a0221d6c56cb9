using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.Routing;

/// <summary>What the subscriber saw of one ticket; receive times are Stopwatch timestamps of this process (0: not seen).</summary>
public sealed record TicketEvents
{
    public long CreatedReceived;
    public DateTimeOffset CreatedAt;
    public long RoutedReceived;
    public int? RoutedAgentId;
    public long AssignedReceived;
    public DateTimeOffset AssignedAt;
}

/// <summary>
/// Subscribes to TicketCreated, TicketRouted and TicketAssigned as an integrator would: one exclusive queue bound to
/// the three fanout exchanges MassTransit publishes the Support.Contracts records to, reading MassTransit's JSON
/// envelope. Remembers per ticket when each event arrived (the first TicketRouted, the first TicketAssigned naming
/// an assignee), on this process's clock.
/// </summary>
public sealed class RoutingEventsSubscriber : IAsyncDisposable
{
    public static readonly string CreatedExchange = ExchangeOf<TicketCreated>();
    public static readonly string RoutedExchange = ExchangeOf<TicketRouted>();
    public static readonly string AssignedExchange = ExchangeOf<TicketAssigned>();

    private readonly Dictionary<int, TicketEvents> tickets = new(65_536);
    private readonly IConnection connection;
    private readonly IChannel channel;
    private int unreadable;

    private RoutingEventsSubscriber(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public int Unreadable => Volatile.Read(ref unreadable);

    /// <summary>Why the broker closed the subscriber's connection (a broker restart mid-run), or null.</summary>
    public string? LostBecause { get; private set; }

    // MassTransit's exchange for a message type: "Namespace:Name".
    private static string ExchangeOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    public static async Task<RoutingEventsSubscriber> StartAsync(Uri rabbitMq)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "support-routing-benchmark" };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var subscriber = new RoutingEventsSubscriber(connection, channel);
        connection.ConnectionShutdownAsync += (_, shutdown) =>
        {
            if (shutdown.Initiator != ShutdownInitiator.Application)
                subscriber.LostBecause ??= $"{DateTime.UtcNow:HH:mm:ss} {shutdown.ReplyText}";
            return Task.CompletedTask;
        };

        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in new[] { CreatedExchange, RoutedExchange, AssignedExchange })
        {
            // Same declaration as MassTransit's (durable fanout), so it does not matter which side declares it first.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue.QueueName, exchange, routingKey: "");
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            subscriber.Record(delivery.Exchange, delivery.Body.Span, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return subscriber;
    }

    /// <summary>Copies of what was seen of these tickets (a ticket not seen at all has none).</summary>
    public Dictionary<int, TicketEvents> Snapshot(IEnumerable<int> ticketIds)
    {
        var copy = new Dictionary<int, TicketEvents>();
        lock (tickets)
        {
            foreach (var id in ticketIds)
            {
                if (tickets.TryGetValue(id, out var seen))
                    copy[id] = seen with { };
            }
        }
        return copy;
    }

    /// <summary>Waits until every ticket has the event <paramref name="arrived"/> looks for, or the time is up; returns how many have it.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<int> ticketIds, Func<TicketEvents, bool> arrived, TimeSpan maxWait)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            int count;
            lock (tickets)
                count = ticketIds.Count(id => tickets.TryGetValue(id, out var seen) && arrived(seen));
            if (count == ticketIds.Count || Stopwatch.GetTimestamp() >= deadline)
                return count;
            await Task.Delay(100);
        }
    }

    private void Record(string exchange, ReadOnlySpan<byte> envelope, long received)
    {
        if (!TryRead(envelope, out var message))
        {
            Interlocked.Increment(ref unreadable);
            return;
        }
        lock (tickets)
        {
            if (!tickets.TryGetValue(message.TicketId, out var seen))
                tickets[message.TicketId] = seen = new TicketEvents();
            if (exchange == CreatedExchange && seen.CreatedReceived == 0)
            {
                seen.CreatedReceived = received;
                seen.CreatedAt = message.Time;
            }
            else if (exchange == RoutedExchange && seen.RoutedReceived == 0)
            {
                seen.RoutedReceived = received;
                seen.RoutedAgentId = message.AgentId;
            }
            else if (exchange == AssignedExchange && seen.AssignedReceived == 0 && message.AgentId is not null)
            {
                seen.AssignedReceived = received;
                seen.AssignedAt = message.Time;
            }
        }
    }

    private readonly record struct EventFields(int TicketId, DateTimeOffset Time, int? AgentId);

    // {"messageId":…,"message":{"ticketId":…,"createdAt"|"routedAt"|"assignedAt":…,"agentId"|"assigneeId":…},…}
    private static bool TryRead(ReadOnlySpan<byte> envelope, out EventFields fields)
    {
        int? ticketId = null, agentId = null;
        DateTimeOffset? time = null;
        var inMessage = false;
        try
        {
            var reader = new Utf8JsonReader(envelope);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                    continue;
                if (reader.CurrentDepth == 1)
                {
                    inMessage = reader.ValueTextEquals("message"u8);
                    continue;
                }
                if (!inMessage || reader.CurrentDepth != 2)
                    continue;
                if (reader.ValueTextEquals("ticketId"u8) && reader.Read() && reader.TryGetInt32(out var id))
                    ticketId = id;
                else if ((reader.ValueTextEquals("createdAt"u8) || reader.ValueTextEquals("routedAt"u8) || reader.ValueTextEquals("assignedAt"u8))
                         && reader.Read() && reader.TryGetDateTimeOffset(out var at))
                    time = at;
                else if ((reader.ValueTextEquals("agentId"u8) || reader.ValueTextEquals("assigneeId"u8))
                         && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var agent))
                    agentId = agent;
            }
        }
        catch (JsonException)
        {
            fields = default;
            return false;
        }
        fields = new EventFields(ticketId ?? 0, time ?? default, agentId);
        return ticketId is not null && time is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await channel.DisposeAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }
}
