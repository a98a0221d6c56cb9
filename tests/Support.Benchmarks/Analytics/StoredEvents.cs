using System.Text.Json;
using Support.Analytics.EventStore;

namespace Support.Benchmarks.Analytics;

/// <summary>One row of the Analytics service's "events" table, as its EventCatalog.ToStored makes it.</summary>
public readonly record struct StoredEventRow(Guid MessageId, string Type, string Stream, DateTimeOffset OccurredAt, string Payload);

/// <summary>Generated events as the Analytics service stores them: its own EventCatalog gives stream, time and payload.</summary>
public static class StoredEvents
{
    public static JsonSerializerOptions Json => EventCatalog.Json;

    public static string TicketStream(int ticketId) => EventCatalog.TicketStream(ticketId);

    public static DateTimeOffset OccurredAt(object message) => EventCatalog.Describe(message).OccurredAt;

    public static StoredEventRow ToRow(object message)
    {
        // Version 7: time-ordered like MassTransit's NewId, so the unique index on MessageId grows at its right edge.
        var stored = EventCatalog.ToStored(message, Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        return new StoredEventRow(stored.MessageId, stored.Type, stored.Stream, stored.OccurredAt, stored.Payload);
    }
}
