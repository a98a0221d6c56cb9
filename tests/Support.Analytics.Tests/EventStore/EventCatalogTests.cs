using System.Reflection;
using System.Text.Json;
using MassTransit;
using Support.Analytics.EventStore;
using Support.Analytics.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Channels;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.EventStore;

/// <summary>
/// The catalog against the contracts: every event another service publishes (a public record of a
/// Support.Contracts.* namespace with a time, a DateTimeOffset) is one the Analytics service records.
/// </summary>
public sealed class EventCatalogTests
{
    private static readonly Assembly Contracts = typeof(Actor).Assembly;

    /// <summary>The public records of the contracts assembly.</summary>
    private static IEnumerable<Type> Records =>
        Contracts.GetExportedTypes().Where(t => t.IsClass && t.GetMethod("<Clone>$") is not null);

    /// <summary>The events: records in a Support.Contracts.* namespace with a time of their own, a (non-nullable) DateTimeOffset property.</summary>
    public static IEnumerable<Type> ContractEvents =>
        Records.Where(t => t.Namespace?.StartsWith("Support.Contracts.", StringComparison.Ordinal) == true
            && t.GetProperties().Any(p => p.PropertyType == typeof(DateTimeOffset)));

    public static TheoryData<string> EventNames => new(ContractEvents.Select(t => t.Name).Order());

    [Fact]
    public void The_contracts_hold_events_and_only_their_helper_records()
    {
        Assert.True(ContractEvents.Count() >= 38, $"found only {ContractEvents.Count()} events: the reflection finds too little");
        Assert.Equal([nameof(Actor), nameof(EmailAttachment), nameof(FieldChange), nameof(ScheduleHoliday), nameof(ScheduleHours), nameof(SlaTarget),
                nameof(SuggestedArticle), nameof(TicketCommentRequest)],
            Records.Except(ContractEvents).Select(t => t.Name).Order());
    }

    [Fact]
    public void Every_contract_event_is_published_and_nothing_else()
    {
        var missing = ContractEvents.Except(PublishedEvents.Types).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"not in PublishedEvents (so not recorded by the Analytics service): {string.Join(", ", missing)}");
        Assert.Equal(ContractEvents.OrderBy(t => t.FullName), PublishedEvents.Types.OrderBy(t => t.FullName));
        Assert.Equal(PublishedEvents.Types.Count, PublishedEvents.Types.Select(t => t.Name).Distinct().Count()); // stored by name
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Describe_gives_each_event_its_stream_and_its_own_time(string name)
    {
        var type = ContractEvents.Single(t => t.Name == name);
        var message = Sample(type, new Counter());

        var (stream, occurredAt) = EventCatalog.Describe(message);

        // the stream is "kind/key", the key being the event's own "KindId"
        var slash = stream.IndexOf('/');
        Assert.True(slash > 0 && slash < stream.Length - 1, $"{name}: stream '{stream}' is not kind/key");
        var (kind, key) = (stream[..slash], stream[(slash + 1)..]);
        var id = type.GetProperties().SingleOrDefault(p => p.Name.Equals($"{kind}Id", StringComparison.OrdinalIgnoreCase));
        Assert.True(id is not null, $"{name}: stream '{stream}' names a kind the event has no id of");
        Assert.Equal(id.GetValue(message) is Guid guid ? guid.ToString("N") : Convert.ToString(id.GetValue(message)), key);

        // its own time: the last time it carries (TicketSolved: SolvedAt, not the ticket's CreatedAt; QuestionAnswered: At, not AskedAt)
        var times = PrimaryConstructor(type).GetParameters().Where(p => p.ParameterType == typeof(DateTimeOffset)).ToList();
        Assert.NotEmpty(times);
        Assert.Equal(type.GetProperty(times[^1].Name!)!.GetValue(message), occurredAt);
    }

    [Fact]
    public void The_own_time_of_events_with_two_times_is_the_events()
    {
        var created = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var solved = new TicketSolved(1, 2, 3, 4, created, created.AddHours(5), Actor.System);
        Assert.Equal(("ticket/1", created.AddHours(5)), EventCatalog.Describe(solved));
        var answered = new QuestionAnswered(Guid.Empty, "en", true, false, [7], 0.9, true, created, created.AddMinutes(2));
        Assert.Equal(($"answer/{Guid.Empty:N}", created.AddMinutes(2)), EventCatalog.Describe(answered));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Each_event_is_stored_and_read_back_unchanged(string name)
    {
        var type = ContractEvents.Single(t => t.Name == name);
        var message = Sample(type, new Counter());
        var messageId = NewId.NextGuid();
        var recordedAt = new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero);

        var stored = EventCatalog.ToStored(message, messageId, recordedAt);

        Assert.Equal((messageId, name, recordedAt), (stored.MessageId, stored.Type, stored.RecordedAt));
        Assert.Equal(EventCatalog.Describe(message), (stored.Stream, stored.OccurredAt));
        var read = EventCatalog.Read(stored);
        Assert.IsType(type, read);
        Assert.Equal(JsonSerializer.Serialize(message, type), JsonSerializer.Serialize(read, type));
    }

    [Fact]
    public void Describe_refuses_what_is_not_an_event()
    {
        Assert.Throws<ArgumentException>(() => EventCatalog.Describe(new FieldChange("category", null, "billing")));
        Assert.Throws<ArgumentException>(() => EventCatalog.Describe(Actor.System));
    }

    /// <summary>The service consumes every contract event from the bus and stores each once, under its stream.</summary>
    [Fact]
    public async Task The_service_records_one_of_every_contract_event()
    {
        await using var app = await AnalyticsApp.StartAsync();
        var counter = new Counter();
        var messages = ContractEvents.Select(type => Sample(type, counter)).ToList();
        foreach (var message in messages)
            await app.PublishAsync(message, NewId.NextGuid());
        await app.WaitForConsumedAsync();
        // The sample CustomerErasureRequested makes the service erase, and confirm it with a CustomerDataErased of its
        // own, which it records too (under the erasure's stream): one row more, once its outbox has published it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync("events") < messages.Count + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "The service's own CustomerDataErased was not recorded within 30 s.");
            await Task.Delay(100);
        }

        Assert.Equal(messages.Count + 1, await app.CountAsync("events"));
        Assert.Equal(1, await app.CountAsync("""events WHERE "Type" = 'CustomerDataErased' AND "Payload"::text LIKE '%"Analytics"%'"""));
        Assert.Equal(messages.Count, await CountDistinctAsync(app, "type"));
        Assert.Equal(messages.Select(m => EventCatalog.Describe(m).Stream).Distinct().Count(), await CountDistinctAsync(app, "stream"));
    }

    private static async Task<long> CountDistinctAsync(AnalyticsApp app, string column)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = await ColumnsAsync(connection);
        var name = columns.Single(c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
        await using var command = new Npgsql.NpgsqlCommand($"SELECT count(DISTINCT \"{name}\") FROM events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ColumnsAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
            columns.Add(reader.GetString(0));
        return columns;
    }

    private static ConstructorInfo PrimaryConstructor(Type type) =>
        type.GetConstructors().Where(c => c.GetParameters().All(p => p.ParameterType != type)) // not the copy constructor
            .OrderByDescending(c => c.GetParameters().Length).First();

    private sealed class Counter
    {
        private int next;
        public int Next() => ++next;
    }

    /// <summary>
    /// An instance with every parameter set, each number and time distinct (times an hour apart, in May 2026),
    /// so a wrong property picked by Describe shows.
    /// </summary>
    private static object Sample(Type type, Counter counter)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(int)) return 1000 + counter.Next();
        if (underlying == typeof(long)) return 100_000L + counter.Next();
        if (underlying == typeof(double)) return counter.Next() / 100.0;
        if (underlying == typeof(decimal)) return counter.Next() * 10m;
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(Guid)) return Guid.NewGuid();
        if (underlying == typeof(string)) return $"text-{counter.Next()}";
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddHours(counter.Next());
        if (underlying == typeof(Actor)) return new Actor("agent", counter.Next().ToString());
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var list = Array.CreateInstance(element, 1);
            list.SetValue(Sample(element, counter), 0);
            return list;
        }
        var constructor = PrimaryConstructor(underlying);
        return constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType, counter)).ToArray());
    }
}
