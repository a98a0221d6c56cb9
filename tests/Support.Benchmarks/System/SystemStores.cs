using Npgsql;

namespace Support.Benchmarks.SystemBench;

/// <summary>How many of a set of tickets one service's store holds, and of those, how many it knows as solved and rated.</summary>
public sealed record StoreCount(string Store, long Tickets, long? Solved, long? Rated, string Note);

/// <summary>
/// The benchmark's view of each service's own database (read directly, as the fault suite does): how many of the
/// run's tickets reached each read model, and the reset that deletes what earlier system-bench runs left behind.
/// </summary>
public sealed class SystemStores(string postgres)
{
    /// <summary>Each store's count of <paramref name="ids"/>; solved and rated among <paramref name="solved"/> and <paramref name="rated"/>.</summary>
    public async Task<List<StoreCount>> CountAsync(int[] ids, int[] solved, int[] rated)
    {
        var counts = new List<StoreCount>();
        async Task Add(string store, string database, string table, string key, string? solvedWhere, string? ratedWhere, string note)
        {
            var tickets = await ScalarAsync(database, $"""SELECT count(*) FROM {table} WHERE "{key}" = ANY($1)""", ids);
            long? s = solvedWhere is null ? null : await ScalarAsync(database, $"""SELECT count(*) FROM {table} WHERE "{key}" = ANY($1) AND {solvedWhere}""", solved);
            long? r = ratedWhere is null ? null : await ScalarAsync(database, $"""SELECT count(*) FROM {table} WHERE "{key}" = ANY($1) AND {ratedWhere}""", rated);
            counts.Add(new StoreCount(store, tickets, s, r, note));
        }
        await Add("ticket", "support_ticket", "tickets", "Id", """ lower("Status") IN ('solved', 'closed') """, """ "Satisfaction" IS NOT NULL """, "tickets");
        await Add("routing", "support_routing", "tickets", "TicketId", """ lower("State") = 'resolved' """, null, "its ticket copy (solved: resolved)");
        await Add("automation", "support_automation", "tickets", "Id", """ lower("Status") IN ('solved', 'closed') """, null, "its ticket copy");
        await Add("analytics", "support_analytics", "ticket_metrics", "TicketId", """ "SolvedAt" IS NOT NULL """, """ "RatedAt" IS NOT NULL """, "ticket_metrics read model");
        await Add("channels", "support_channels", "ticket_threads", "TicketId", null, null, "email threads (one per ticket)");
        // The knowledge base keeps no ticket copy: its ArticlesSuggested, applied to Ticket's row, shows it saw the ticket.
        counts.Add(new StoreCount("knowledgebase", await ScalarAsync("support_ticket",
            """SELECT count(*) FROM tickets WHERE "Id" = ANY($1) AND "ArticlesSuggestedAt" IS NOT NULL""", ids), null, null,
            "no ticket copy: ArticlesSuggested applied to Ticket's row"));
        return counts;
    }

    /// <summary>
    /// Deletes every ticket whose requester has an email at the benchmark's domain, in every service's database (the
    /// ticket, its comments and audit, its requester; each service's copy and what hangs on it: Routing's ticket and
    /// classifier examples, Automation's copy, SLA targets and firings, Analytics' events of the ticket's stream and its
    /// read-model rows, Channels' thread and emails), and the agents and groups earlier runs made in Routing. Tickets of
    /// any other run still waiting in Routing's queue are marked resolved in Routing's copy (only there): otherwise the
    /// run's new agents are handed that backlog first (18,320 tickets on this machine the first time).
    /// Returns one line per database saying what went.
    /// </summary>
    public async Task<List<string>> ResetAsync()
    {
        var lines = new List<string>();
        var ids = await IdsAsync("support_ticket", $"""
            SELECT t."Id" FROM tickets t JOIN customers c ON c."Id" = t."RequesterId" WHERE c."Email" LIKE '%@{SystemLoad.RequesterDomain}'
            """);
        var customers = await IdsAsync("support_ticket", $"""SELECT "Id" FROM customers WHERE "Email" LIKE '%@{SystemLoad.RequesterDomain}'""");
        var streams = ids.Select(id => $"ticket/{id}").ToArray();
        var customerStreams = customers.Select(id => $"customer/{id}").ToArray();

        async Task Delete(string database, params (string Sql, object Value)[] statements)
        {
            var parts = new List<string>();
            foreach (var (sql, value) in statements)
            {
                try
                {
                    parts.Add($"{await ExecuteAsync(database, sql, value):N0} {(sql.StartsWith("UPDATE", StringComparison.Ordinal) ? "queued tickets taken out of the queue" : sql.Split(' ')[2])}");
                }
                catch (PostgresException ex)
                {
                    parts.Add($"{sql.Split(' ')[2]}: {ex.MessageText}");
                }
            }
            lines.Add($"{database}: {string.Join(", ", parts)}");
        }

        await Delete("support_ticket",
            ("""DELETE FROM tickets WHERE "Id" = ANY($1)""", ids), // comments and audit go with them (cascade)
            ("""DELETE FROM customers WHERE "Id" = ANY($1)""", customers));
        await Delete("support_routing",
            ("""DELETE FROM classifier_examples WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM tickets WHERE "TicketId" = ANY($1)""", ids),
            // Tickets other runs (of any benchmark) left waiting in Routing's queue would go to this run's agents first: out of the queue.
            ("""UPDATE tickets SET "State" = 'Resolved' WHERE "State" = 'Queued' AND $1::int IS NOT NULL""", 0),
            ("""DELETE FROM agents WHERE "Email" LIKE $1""", $"agent%-{SystemBenchmark.RunPrefix}%@bench.example"),
            ("""DELETE FROM groups WHERE "Name" LIKE $1""", $"bench-{SystemBenchmark.RunPrefix}%"));
        await Delete("support_automation",
            ("""DELETE FROM sla_targets WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM trigger_firings WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM automation_firings WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM tickets WHERE "Id" = ANY($1)""", ids));
        await Delete("support_analytics",
            ("""DELETE FROM events WHERE "Stream" = ANY($1)""", streams.Concat(customerStreams).ToArray()),
            ("""DELETE FROM ticket_metrics WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM ticket_unsolved_spans WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM comment_sentiments WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM sla_outcomes WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM customer_status_spans WHERE "CustomerId" = ANY($1)""", customers),
            ("""DELETE FROM customers WHERE "CustomerId" = ANY($1)""", customers));
        await Delete("support_channels",
            ("""DELETE FROM outgoing_emails WHERE "TicketId" = ANY($1)""", ids),
            ("""DELETE FROM ticket_threads WHERE "TicketId" = ANY($1)""", ids));
        lines.Insert(0, $"{ids.Length:N0} tickets and {customers.Length:N0} requesters of earlier runs (requesters @{SystemLoad.RequesterDomain})");
        return lines;
    }

    private async Task<int[]> IdsAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt32(0));
        return ids.ToArray();
    }

    private async Task<long> ScalarAsync(string database, string sql, object parameter)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<int> ExecuteAsync(string database, string sql, object parameter)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database, Pooling = false, Timeout = 10 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
