using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Support.Hosting.Inbox;
using Support.Hosting.Outbox;
using Support.Ticket.Data;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests;

/// <summary>
/// A Ticket service whose broker never answers (its URI names a port nobody listens on; the shared broker is left alone):
/// it keeps taking tickets, is degraded at first, and reports itself unready and not live once the bus has been
/// down longer than Messaging:UnhealthyAfter, so an orchestrator restarts it. Its relay also forgets old inbox rows.
/// </summary>
public sealed class MessagingHealthTests : IAsyncLifetime
{
    private static readonly TimeSpan UnhealthyAfter = TimeSpan.FromSeconds(8);
    private readonly Stopwatch sinceStart = new();
    private BrokerlessTicketApp app = null!;

    public async Task InitializeAsync()
    {
        app = new BrokerlessTicketApp(await TestServers.CreateDatabaseAsync("health"), $"amqp://guest:guest@127.0.0.1:{ClosedPort()}/", UnhealthyAfter);
        sinceStart.Start();
        _ = app.Server;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await TestServers.DropDatabaseAsync(app.ConnectionString);
    }

    [Fact]
    public async Task Without_the_broker_the_service_is_degraded_then_unready_and_not_live_after_the_configured_time()
    {
        var client = app.CreateClient().SignedIn();
        var early = await client.GetAsync("/health/ready");
        if (sinceStart.Elapsed < UnhealthyAfter)
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Equal("Degraded", await CheckStatusAsync(early, "messaging"));
        }
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Broker away",
            description = "Accepted while the broker is unreachable.",
            requester = new { email = Api.NewEmail(), name = "Ann Example" },
        })).StatusCode);

        HttpResponseMessage ready;
        do
        {
            await Task.Delay(500);
            ready = await client.GetAsync("/health/ready");
        } while (ready.StatusCode == HttpStatusCode.OK && sinceStart.Elapsed < UnhealthyAfter + TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(sinceStart.Elapsed >= UnhealthyAfter, $"unready after {sinceStart.Elapsed}, before {UnhealthyAfter}");
        Assert.Equal("Unhealthy", await CheckStatusAsync(ready, "messaging"));
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, live.StatusCode);
        Assert.Equal("Unhealthy", await CheckStatusAsync(live, "messaging"));
    }

    [Fact]
    public async Task The_relay_removes_inbox_rows_older_than_the_retention_and_keeps_newer_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TicketDbContext>();
            db.Inbox.Add(new InboxMessage { MessageId = old, Consumer = "TestConsumer", ProcessedAt = now.AddDays(-8) });
            db.Inbox.Add(new InboxMessage { MessageId = recent, Consumer = "TestConsumer", ProcessedAt = now.AddDays(-6) });
            await db.SaveChangesAsync();
        }

        var relay = app.Services.GetServices<IHostedService>().OfType<OutboxRelay<TicketDbContext>>().Single();
        await relay.CleanupAsync(inbox: true, CancellationToken.None);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TicketDbContext>();
            Assert.Equal([recent], db.Inbox.Where(m => m.Consumer == "TestConsumer").Select(m => m.MessageId).ToArray());
        }
    }

    private static async Task<string?> CheckStatusAsync(HttpResponseMessage health, string check)
    {
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString();
    }

    // A port that was free a moment ago: a connection to it is refused.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class BrokerlessTicketApp(string connectionString, string brokerUri, TimeSpan unhealthyAfter) : WebApplicationFactory<Program>
    {
        public string ConnectionString => connectionString;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Ticket", connectionString);
            builder.UseSetting("ConnectionStrings:RabbitMq", brokerUri);
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Messaging:Transport", "RabbitMq");
            builder.UseSetting("Messaging:UnhealthyAfter", unhealthyAfter.ToString());
            builder.UseSetting("Outbox:InboxRetention", "7.00:00:00");
            builder.UseSetting("Logging:Json", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.TrustTestTokens();
        }
    }
}
