using System.Diagnostics;
using System.Text.Json;
using MassTransit;

namespace Support.Hosting.Outbox;

/// <summary>An event waiting to be published, written in the same transaction as the change that caused it.</summary>
public class OutboxMessage
{
    /// <summary>Commit order; the relay publishes in this order per aggregate.</summary>
    public long Sequence { get; set; }

    /// <summary>Becomes the message's MessageId, so a row published twice is recognised by every consumer's inbox.</summary>
    public Guid MessageId { get; set; }

    /// <summary>"Namespace.Type, Assembly" of the event record.</summary>
    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The entity the event is about, such as "ticket/42".</summary>
    public string Aggregate { get; set; } = "";

    public string? CorrelationId { get; set; }

    /// <summary>The W3C trace context of the request or message that caused the event, so its publication continues that trace.</summary>
    public string? TraceParent { get; set; }
    public string? TraceState { get; set; }
    public const int MaxTraceStateLength = 512;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> Types = new();

    public static OutboxMessage For(object message, string aggregate, DateTimeOffset now) => new()
    {
        MessageId = NewId.NextGuid(),
        MessageType = $"{message.GetType().FullName}, {message.GetType().Assembly.GetName().Name}",
        Body = JsonSerializer.Serialize(message, message.GetType(), BodyJson),
        Aggregate = aggregate,
        CorrelationId = Http.CorrelationId.Current,
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        TraceState = Activity.Current?.TraceStateString is { Length: <= MaxTraceStateLength } state ? state : null,
        CreatedAt = now,
    };

    public (object Message, Type Type) Deserialize()
    {
        var type = Types.GetOrAdd(MessageType, name => Type.GetType(name, throwOnError: true)!);
        return (JsonSerializer.Deserialize(Body, type, BodyJson)!, type);
    }
}
