using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Support.Channels.Webhooks;

/// <summary>
/// What a delivery needs of any published event, read from its record by convention: its ordering key (the ticket it
/// is about, else its first "…Id"), the time it happened (its last time, as Analytics reads it) and the JSON body.
/// </summary>
public static class WebhookEvent
{
    public const string Ping = "Ping";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    private sealed record Envelope(Guid Id, string Type, DateTimeOffset OccurredAt, object Data);

    private sealed record Shape(PropertyInfo? TicketId, PropertyInfo[] Ids, PropertyInfo? OccurredAt);

    /// <summary>The body every attempt sends: <c>{"id", "type", "occurredAt", "data"}</c>, the event camelCased in data.</summary>
    public static string Payload(Guid id, string type, DateTimeOffset occurredAt, object data) =>
        JsonSerializer.Serialize(new Envelope(id, type, occurredAt, data), Json);

    /// <summary>"ticket/42" for an event about a ticket; else its subject ("user/7", "article/3"); else its type.</summary>
    public static string OrderingKey(object message)
    {
        var shape = ShapeOf(message.GetType());
        if (shape.TicketId?.GetValue(message) is { } ticketId)
            return $"ticket/{ticketId}";
        foreach (var id in shape.Ids)
            if (id.GetValue(message) is { } value)
                return $"{id.Name[..^2].ToLowerInvariant()}/{value}";
        return message.GetType().Name;
    }

    public static DateTimeOffset OccurredAt(object message, DateTimeOffset otherwise) =>
        ShapeOf(message.GetType()).OccurredAt?.GetValue(message) is DateTimeOffset at ? at : otherwise;

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
    {
        // The primary constructor's order, which is the record's: properties' reflection order is not promised.
        var parameters = t.GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != t))
            .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        var properties = parameters.Select(p => t.GetProperty(p.Name!)).OfType<PropertyInfo>().ToList();
        return new Shape(
            properties.FirstOrDefault(p => p.Name == "TicketId"),
            properties.Where(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name.Length > 2 && p.Name != "TicketId").ToArray(),
            properties.LastOrDefault(p => p.PropertyType == typeof(DateTimeOffset)));
    });
}
