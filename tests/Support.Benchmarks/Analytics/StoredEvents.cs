using System.Text.Json;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.Analytics;

/// <summary>One row of the Analytics service's "events" table, as its EventCatalog.ToStored makes it.</summary>
public readonly record struct StoredEventRow(Guid MessageId, string Type, string Stream, DateTimeOffset OccurredAt, string Payload);

/// <summary>
/// The small part of services/Analytics/Support.Analytics/EventStore/EventCatalog.cs this benchmark needs, repeated
/// here so the benchmark does not reference the service: each generated event's stream and time, and its payload
/// serialized exactly as the service stores it (System.Text.Json, web defaults, the record's own type).
/// </summary>
public static class StoredEvents
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string TicketStream(int ticketId) => $"ticket/{ticketId}";
    public static string CustomerStream(int customerId) => $"customer/{customerId}";

    public static (string Stream, DateTimeOffset OccurredAt) Describe(object message) => message switch
    {
        TicketCreated e => (TicketStream(e.TicketId), e.CreatedAt),
        TicketUpdated e => (TicketStream(e.TicketId), e.UpdatedAt),
        TicketStatusChanged e => (TicketStream(e.TicketId), e.ChangedAt),
        TicketAssigned e => (TicketStream(e.TicketId), e.AssignedAt),
        TicketSolved e => (TicketStream(e.TicketId), e.SolvedAt),
        TicketReopened e => (TicketStream(e.TicketId), e.ReopenedAt),
        TicketCommentAdded e => (TicketStream(e.TicketId), e.CreatedAt),
        SatisfactionRated e => (TicketStream(e.TicketId), e.RatedAt),
        CustomerCreated e => (CustomerStream(e.CustomerId), e.CreatedAt),
        CustomerUpdated e => (CustomerStream(e.CustomerId), e.UpdatedAt),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an event this benchmark generates."),
    };

    public static DateTimeOffset OccurredAt(object message) => Describe(message).OccurredAt;

    public static StoredEventRow ToRow(object message)
    {
        var (stream, occurredAt) = Describe(message);
        // Version 7: time-ordered like MassTransit's NewId, so the unique index on MessageId grows at its right edge.
        return new StoredEventRow(Guid.CreateVersion7(), message.GetType().Name, stream, occurredAt,
            JsonSerializer.Serialize(message, message.GetType(), Json));
    }
}
