using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests;

/// <summary>
/// What Prometheus scrapes at /metrics: request rate and latency per route, and the outbox backlog, here on a
/// service whose broker cannot be reached, so every event it commits waits in the outbox. Run alone: a meter listener
/// hears every host in the process, so another test class's requests would be counted here too.
/// </summary>
[Collection(Alone)]
public sealed partial class MetricsTests : IAsyncLifetime
{
    public const string Alone = "metrics, measured with no other test running";
    private WebApplicationFactory<Program> service = null!;
    private string database = "";

    public async Task InitializeAsync()
    {
        database = await TestServers.CreateDatabaseAsync("metrics");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Ticket"] = database,
            ["ConnectionStrings:RabbitMq"] = $"amqp://guest:guest@127.0.0.1:{UnusedPort()}/",
            ["Database:Provider"] = "Postgres",
            ["Messaging:Transport"] = "RabbitMq",
            ["Telemetry:BacklogInterval"] = "00:00:00.200",
            ["Logging:Json"] = "false",
            ["Logging:LogLevel:Default"] = "Critical",
        };
        service = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.TrustTestTokens();
        });
        _ = service.Server;
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await TestServers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task Metrics_show_request_latency_per_route_and_the_events_waiting_in_the_outbox()
    {
        using var client = service.CreateClient().SignedIn();
        for (var i = 0; i < 3; i++)
            await client.CreateTicketAsync();
        var waiting = await CountUnpublishedAsync();
        Assert.True(waiting >= 3, $"Each new ticket commits events; {waiting} wait in the outbox.");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string metrics;
        while (true)
        {
            metrics = await client.GetStringAsync("/metrics");
            if (Value(metrics, "support_outbox_pending", ("service", "ticket")) == waiting || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }

        Assert.Equal(waiting, Value(metrics, "support_outbox_pending", ("service", "ticket")));
        Assert.True(Value(metrics, "support_outbox_oldest_age_seconds", ("service", "ticket")) > 0, Excerpt(metrics, "support_outbox"));
        Assert.Equal(3, Value(metrics, "http_server_request_duration_seconds_count",
            ("http_request_method", "POST"), ("http_route", "/api/tickets/"), ("http_response_status_code", "201")));
        Assert.True(Value(metrics, "http_server_request_duration_seconds_sum",
            ("http_request_method", "POST"), ("http_route", "/api/tickets/"), ("http_response_status_code", "201")) > 0, Excerpt(metrics, "http_server"));
    }

    [Fact]
    public async Task Scrapes_and_health_probes_are_not_counted_as_requests()
    {
        using var client = service.CreateClient().SignedIn();
        await client.CreateTicketAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        }
        var metrics = await client.GetStringAsync("/metrics");
        var requests = Excerpt(metrics, "http_server_request_duration_seconds_count");
        Assert.Contains("http_route=\"/api/tickets/\"", requests);
        Assert.DoesNotContain("/metrics", requests);
        Assert.DoesNotContain("/health", requests);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> carrying these labels; fails showing the family when there is none.</summary>
    private static double Value(string metrics, string name, params (string Label, string Value)[] labels)
    {
        var samples = metrics.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name
                && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(samples.Count == 1, $"Expected one {name} sample with {string.Join(", ", labels)}, found {samples.Count}:\n{Excerpt(metrics, name)}");
        return double.Parse(samples[0].Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    private static string Excerpt(string metrics, string prefix) =>
        string.Join("\n", metrics.Split('\n').Where(line => line.StartsWith(prefix, StringComparison.Ordinal)));

    private async Task<long> CountUnpublishedAsync()
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM outbox_messages WHERE "PublishedAt" IS NULL""", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int UnusedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();
}

[CollectionDefinition(MetricsTests.Alone, DisableParallelization = true)]
public sealed class MetricsAloneCollection;
