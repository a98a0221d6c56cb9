using Npgsql;

namespace Support.Benchmarks.Faults;

/// <summary>What each service's own database holds of the run's tickets, read directly (the fault suite's view).</summary>
public sealed class TopologyStores(string postgres)
{
    public static readonly string[] Databases = ["support_ticket", "support_routing", "support_kb", "support_analytics"];

    /// <summary>How many tickets in the id range each store has: Ticket itself, Routing's copy, Analytics' read model, and the KB's suggestions (set on the Ticket).</summary>
    public sealed record Coverage(long Tickets, long Routing, long Analytics, long Suggested)
    {
        public bool Complete => Routing == Tickets && Analytics == Tickets && Suggested == Tickets;
        public override string ToString() => $"ticket {Tickets:N0}, routing {Routing:N0}, analytics {Analytics:N0}, kb suggestions {Suggested:N0}";
    }

    public async Task<int> MaxTicketIdAsync() =>
        await ScalarAsync<int?>("support_ticket", """SELECT max("Id") FROM tickets""") ?? 0;

    public async Task<Coverage> CoverageAsync(int fromId, int toId)
    {
        return new Coverage(
            await ScalarAsync<long>("support_ticket", """SELECT count(*) FROM tickets WHERE "Id" BETWEEN $1 AND $2""", fromId, toId),
            await ScalarAsync<long>("support_routing", """SELECT count(*) FROM tickets WHERE "TicketId" BETWEEN $1 AND $2""", fromId, toId),
            await ScalarAsync<long>("support_analytics", """SELECT count(*) FROM ticket_metrics WHERE "TicketId" BETWEEN $1 AND $2""", fromId, toId),
            await ScalarAsync<long>("support_ticket", """SELECT count(*) FROM tickets WHERE "Id" BETWEEN $1 AND $2 AND "ArticlesSuggestedAt" IS NOT NULL""", fromId, toId));
    }

    /// <summary>Accepted ticket ids missing from each store.</summary>
    public async Task<(long Ticket, long Routing, long Analytics, long Suggested)> MissingAsync(int[] ids) => (
        ids.Length - await ScalarAsync<long>("support_ticket", """SELECT count(*) FROM tickets WHERE "Id" = ANY($1)""", ids),
        ids.Length - await ScalarAsync<long>("support_routing", """SELECT count(*) FROM tickets WHERE "TicketId" = ANY($1)""", ids),
        ids.Length - await ScalarAsync<long>("support_analytics", """SELECT count(*) FROM ticket_metrics WHERE "TicketId" = ANY($1)""", ids),
        ids.Length - await ScalarAsync<long>("support_ticket", """SELECT count(*) FROM tickets WHERE "Id" = ANY($1) AND "ArticlesSuggestedAt" IS NOT NULL""", ids));

    /// <summary>Tickets of the run in Ticket's table, and how many distinct creates (Idempotency-Keys) they came from.</summary>
    public async Task<(long Tickets, long Keys)> RunTicketsAsync(string runId)
    {
        await using var connection = await OpenAsync("support_ticket");
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), count(DISTINCT substring("Description" FROM 'create (\S+)\. '))
            FROM tickets WHERE "Description" LIKE $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"Fault run {runId},%" });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Rows every service's outbox has not published yet.</summary>
    public async Task<Dictionary<string, long>> UnpublishedAsync()
    {
        var unpublished = new Dictionary<string, long>();
        foreach (var database in Databases)
            unpublished[database] = await ScalarAsync<long>(database, """SELECT count(*) FROM outbox_messages WHERE "PublishedAt" IS NULL""");
        return unpublished;
    }

    private async Task<T> ScalarAsync<T>(string database, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    // No pooling: a restarted server leaves pooled connections broken, and the checks are few.
    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database, Pooling = false, Timeout = 5 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
