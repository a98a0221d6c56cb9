using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Support.Fuzz.Tests.Infrastructure;

namespace Support.Fuzz.Tests;

/// <summary>The standalone host with every PostgreSQL connection going through a proxy the test can cut, as a database restart does.</summary>
public sealed class ProxiedPostgresHost() : StandaloneHost(DatabaseKind.Postgres), IAsyncLifetime
{
    public TcpProxy Proxy { get; private set; } = null!;

    protected override string HostConnection(string direct) =>
        new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = Proxy.Port }.ConnectionString;

    public new async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(await TestServers.PostgresAsync());
        Proxy = new TcpProxy(server.Host!, server.Port);
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Proxy?.Dispose();
    }
}

/// <summary>The standalone host on SQLite, waiting at most a second for a lock.</summary>
public sealed class ImpatientSqliteHost() : StandaloneHost(DatabaseKind.Sqlite)
{
    protected override string HostConnection(string direct) => new SqliteConnectionStringBuilder(direct) { DefaultTimeout = 1 }.ConnectionString;
}

/// <summary>A database that is briefly away answers 503 with Retry-After (retryable), never 500, and writes nothing.</summary>
public sealed class PostgresOutageTests(ProxiedPostgresHost postgres) : IClassFixture<ProxiedPostgresHost>
{
    [Fact]
    public async Task PostgreSQL_going_away_answers_503_with_Retry_After_and_service_resumes_when_it_is_back()
    {
        using var client = postgres.CreateClient();
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = "before@example.com", name = "Before" })).ReadCreatedAsync();
        var id = customer.GetProperty("id").GetInt32();

        postgres.Proxy.Cut();
        try
        {
            (string Method, string Url, object? Body)[] requests =
            [
                ("GET", $"/api/customers/{id}", null),
                ("POST", "/api/customers", new { email = "during@example.com", name = "During" }),
                ("PATCH", $"/api/customers/{id}", new { name = "Renamed during the outage" }),
                ("GET", "/api/tickets", null),
                ("GET", "/api/kb/articles", null),
                ("GET", "/api/groups", null),
                ("GET", "/api/analytics/summary", null),
            ];
            foreach (var (method, url, body) in requests)
            {
                using var message = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {url} while PostgreSQL is away answered {(int)response.StatusCode}: {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{method} {url}: 503 without a Retry-After in seconds.");
            }
        }
        finally
        {
            postgres.Proxy.Restore();
        }

        // Back: the pool replaces its broken connections (a request may still meet one and get another 503).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage read;
        while ((read = await client.GetAsync($"/api/customers/{id}")).StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var after = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Before", after.GetProperty("name").GetString());
        var during = await client.GetFromJsonAsync<JsonElement>("/api/customers?email=during@example.com");
        Assert.Equal(0, during.GetProperty("items").GetArrayLength());
        await (await client.PostAsJsonAsync("/api/customers", new { email = "during@example.com", name = "During" })).ReadCreatedAsync();
    }

}

/// <summary>SQLite locked by another writer for longer than the host waits answers 503 with Retry-After, never 500.</summary>
public sealed class SqliteLockTests(ImpatientSqliteHost sqlite) : IClassFixture<ImpatientSqliteHost>
{
    [Fact]
    public async Task SQLite_locked_by_another_writer_answers_503_with_Retry_After()
    {
        using var client = sqlite.CreateClient();
        await (await client.PostAsJsonAsync("/api/customers", new { email = "first@example.com", name = "First" })).ReadCreatedAsync();

        await using (var writer = new SqliteConnection(new SqliteConnectionStringBuilder(sqlite.DirectConnectionStrings["Ticket"]) { Pooling = false }.ConnectionString))
        {
            await writer.OpenAsync();
            await using var exclusive = writer.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync();

            using var response = await client.PostAsJsonAsync("/api/customers", new { email = "locked@example.com", name = "Locked" });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"A write while the database is locked answered {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without a Retry-After in seconds.");
            exclusive.CommandText = "ROLLBACK";
            await exclusive.ExecuteNonQueryAsync();
        }

        // Unlocked: the same write goes through (the 503 wrote nothing, so the email is still free).
        await (await client.PostAsJsonAsync("/api/customers", new { email = "locked@example.com", name = "Locked" })).ReadCreatedAsync();
    }
}

internal static class ResponseExtensions
{
    public static async Task<JsonElement> ReadCreatedAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
