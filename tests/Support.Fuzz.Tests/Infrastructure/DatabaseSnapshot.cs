using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Support.Fuzz.Tests.Infrastructure;

/// <summary>Every table of every service database (but the ones a background job changes on its own): its row count and a checksum of its content (outbox and inbox included).</summary>
public sealed record DatabaseSnapshot(IReadOnlyDictionary<string, (long Rows, decimal Checksum)> Tables)
{
    /// <summary>The tables that differ from <paramref name="before"/>, with their counts before and after.</summary>
    public IReadOnlyList<string> ChangesSince(DatabaseSnapshot before) =>
        Tables.Keys.Union(before.Tables.Keys)
            .Where(t => Tables.GetValueOrDefault(t) != before.Tables.GetValueOrDefault(t))
            .Select(t => $"{t} ({before.Tables.GetValueOrDefault(t).Rows} → {Tables.GetValueOrDefault(t).Rows} rows)")
            .ToList();

    public long RowsOf(Func<string, bool> table) => Tables.Where(t => table(t.Key)).Sum(t => t.Value.Rows);
}

/// <summary>Takes <see cref="DatabaseSnapshot"/>s of a host's databases: one round trip per database.</summary>
public sealed class DatabaseSnapshotter
{
    /// <summary>
    /// The knowledge base's term counts, which a background job folds every second (TermDocumentCounts) whatever the
    /// requests do: they are left out. They are derived from the articles by a trigger, so a write to them comes with a
    /// write to the articles table, which is compared.
    /// </summary>
    private static readonly HashSet<string> FoldedInTheBackground = ["public.article_term_changes", "public.article_term_documents"];

    private readonly DatabaseKind kind;
    private readonly Dictionary<string, string> connectionStrings;
    private readonly Dictionary<string, string> queries = [];

    public DatabaseSnapshotter(DatabaseKind kind, Dictionary<string, string> connectionStrings)
    {
        this.kind = kind;
        this.connectionStrings = connectionStrings;
    }

    public async Task<DatabaseSnapshot> TakeAsync()
    {
        var tables = new Dictionary<string, (long, decimal)>();
        foreach (var (service, connectionString) in connectionStrings)
        {
            await using var connection = Open(connectionString);
            await connection.OpenAsync();
            if (!queries.TryGetValue(service, out var sql))
                queries[service] = sql = await SnapshotQueryAsync(connection);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            if (kind == DatabaseKind.Postgres)
            {
                while (await reader.ReadAsync())
                    tables[$"{service}.{reader.GetString(0)}"] = (reader.GetInt64(1), reader.GetDecimal(2));
                continue;
            }
            // SQLite has no hash function: the rows are read and hashed here (the tables are small in a fuzz run).
            do
            {
                var table = reader.GetName(0)[2..];
                long rows = 0;
                decimal checksum = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                    var hash = new HashCode();
                    for (var i = 1; i < reader.FieldCount; i++)
                        hash.Add(reader.IsDBNull(i) ? "∅" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : reader.GetValue(i).ToString());
                    checksum += hash.ToHashCode();
                }
                tables[$"{service}.{table}"] = (rows, checksum);
            }
            while (await reader.NextResultAsync());
        }
        return new DatabaseSnapshot(tables);
    }

    /// <summary>Outbox rows not yet published, in every service database.</summary>
    public async Task<long> UnpublishedAsync()
    {
        long unpublished = 0;
        foreach (var connectionString in connectionStrings.Values)
        {
            await using var connection = Open(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM outbox_messages WHERE \"PublishedAt\" IS NULL";
            unpublished += Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        return unpublished;
    }

    private DbConnection Open(string connectionString) =>
        kind == DatabaseKind.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private async Task<string> SnapshotQueryAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = kind == DatabaseKind.Postgres
            ? "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (!FoldedInTheBackground.Contains(reader.GetString(0)))
                    tables.Add(reader.GetString(0));
        return kind == DatabaseKind.Postgres
            ? string.Join("\nUNION ALL ", tables.Select(t =>
                $"SELECT '{t.Replace("'", "''")}', count(*), coalesce(sum(hashtextextended(r::text, 0)), 0)::numeric FROM {t} r"))
            : string.Join(";\n", tables.Select(t => $"SELECT 1 AS \"t:{t}\", * FROM \"{t}\""));
    }
}
