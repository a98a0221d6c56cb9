using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Support.Benchmarks.Analytics;

public sealed record CopyResult(long Events, TimeSpan Elapsed, TimeSpan Truncate, TimeSpan Analyze)
{
    public double PerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// The Analytics service's database, straight: counts, sizes, and loading a generated history into its "events" table
/// with a binary COPY, generating (on another thread) while PostgreSQL writes, so the events are never all in memory.
/// Table and column names are those of services/Analytics/Support.Analytics/Data/Migrations/*_Initial.cs.
/// </summary>
public sealed class EventStoreDatabase(NpgsqlDataSource db) : IAsyncDisposable
{
    private const int BatchSize = 1000;

    public static EventStoreDatabase Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        return new EventStoreDatabase(NpgsqlDataSource.Create(builder.ConnectionString));
    }

    public string Describe()
    {
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        return $"{b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }

    public async Task<string> ServerVersionAsync() => (string)(await ScalarAsync("SHOW server_version") ?? "?");

    /// <summary>TicketCreated rows and all rows of "events" (one scan).</summary>
    public async Task<(long TicketCreated, long Events)> CountEventsAsync()
    {
        await using var command = db.CreateCommand("""SELECT count(*) FILTER (WHERE "Type" = 'TicketCreated'), count(*) FROM events""");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<long> CountTicketMetricsAsync() => (long)(await ScalarAsync("SELECT count(*) FROM ticket_metrics") ?? 0L);

    /// <summary>The highest ticket id the read models know (0: none).</summary>
    public async Task<int> MaxTicketIdAsync() => (int)(await ScalarAsync("""SELECT COALESCE(max("TicketId"), 0) FROM ticket_metrics""") ?? 0);

    /// <summary>How many of tickets [first, first + count) have their TicketCreated in the event store.</summary>
    public async Task<long> CountRecordedTicketsAsync(int first, int count)
    {
        await using var command = db.CreateCommand("""SELECT count(*) FROM events WHERE "Stream" = ANY($1) AND "Type" = 'TicketCreated'""");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Enumerable.Range(first, count).Select(StoredEvents.TicketStream).ToArray() });
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>When the loaded tickets (ids 1 to <paramref name="tickets"/>) were created, first and last.</summary>
    public async Task<(DateTimeOffset? First, DateTimeOffset? Last)> LoadedSpanAsync(int tickets)
    {
        await using var command = db.CreateCommand("""SELECT min("CreatedAt"), max("CreatedAt") FROM ticket_metrics WHERE "TicketId" <= $1""");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tickets });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>The whole database's size, and the events table's with its indexes, in bytes.</summary>
    public async Task<(long Database, long Events)> SizesAsync()
    {
        await using var command = db.CreateCommand("SELECT pg_database_size(current_database()), pg_total_relation_size('events')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Empties "events" and fills it with the history's events, then ANALYZEs it.</summary>
    public async Task<CopyResult> LoadAsync(SupportHistory history, long expectedEvents, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using (var truncate = db.CreateCommand("TRUNCATE events RESTART IDENTITY"))
            await truncate.ExecuteNonQueryAsync(ct);
        var truncated = clock.Elapsed;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct); // the generator stops when the COPY fails
        var batches = Channel.CreateBounded<StoredEventRow[]>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<StoredEventRow>(BatchSize);
                foreach (var e in history.Events())
                {
                    batch.Add(StoredEvents.ToRow(e));
                    if (batch.Count == BatchSize)
                    {
                        await batches.Writer.WriteAsync(batch.ToArray(), stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                    await batches.Writer.WriteAsync(batch.ToArray(), stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, stop.Token);

        var copyClock = Stopwatch.StartNew();
        long written;
        try
        {
            written = await CopyAsync(batches.Reader, history, expectedEvents, copyClock, ct);
            await producer;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        var copied = copyClock.Elapsed;

        var analyzeClock = Stopwatch.StartNew();
        await using (var analyze = db.CreateCommand("ANALYZE events"))
            await analyze.ExecuteNonQueryAsync(ct);
        return new CopyResult(written, copied, truncated, analyzeClock.Elapsed);
    }

    private async Task<long> CopyAsync(ChannelReader<StoredEventRow[]> batches, SupportHistory history, long expectedEvents, Stopwatch clock, CancellationToken ct)
    {
        long written = 0;
        var lastReport = clock.Elapsed;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var importer = await connection.BeginBinaryImportAsync(
            """COPY events ("MessageId", "Type", "Stream", "OccurredAt", "RecordedAt", "Payload") FROM STDIN (FORMAT BINARY)""", ct);
        await foreach (var rows in batches.ReadAllAsync(ct)) // rethrows a generator failure
        {
            var recordedAt = DateTimeOffset.UtcNow;
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(row.MessageId, NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(row.Type, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(row.Stream, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(row.Payload, NpgsqlDbType.Jsonb, ct);
            }
            written += rows.Length;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                var rate = written / clock.Elapsed.TotalSeconds;
                var left = Math.Max(0, expectedEvents - written) / Math.Max(rate, 1e-9);
                Console.WriteLine($"    {written:N0} events ({history.Counts.Tickets:N0} tickets generated) in {clock.Elapsed.TotalSeconds:0} s: " +
                    $"{rate:N0} events/s, about {left:0} s to go");
            }
        }
        await importer.CompleteAsync(ct);
        return written;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = db.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
