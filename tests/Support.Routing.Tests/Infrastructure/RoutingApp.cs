using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Contracts.Routing;
using Support.Hosting;
using Support.Routing.Escalation;

namespace Support.Routing.Tests.Infrastructure;

/// <summary>
/// The Routing service on a database and RabbitMQ virtual host of its own, in one or more instances (competing
/// consumers), on a clock the test controls, with a subscriber recording every event.
/// </summary>
public sealed class RoutingApp : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    private readonly List<RoutingInstance> instances = [];

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public string ConnectionString { get; private set; } = "";
    public string RabbitMqUri { get; private set; } = "";
    public EventListener Events { get; private set; } = null!;

    public static async Task<RoutingApp> StartAsync(int instances = 1, bool listen = true)
    {
        var app = new RoutingApp
        {
            ConnectionString = await TestServers.CreateDatabaseAsync("routing"),
            RabbitMqUri = await TestServers.CreateVirtualHostAsync("routing"),
        };
        for (var i = 0; i < instances; i++)
            await app.AddInstanceAsync();
        if (listen)
            app.Events = await EventListener.StartAsync(app.RabbitMqUri,
                typeof(TicketRouted), typeof(TicketQueued), typeof(TicketClassified), typeof(TicketEscalated), typeof(AgentStatusChanged));
        return app;
    }

    public RoutingInstance Instance(int index = 0) => instances[index];

    public HttpClient Client() => instances[0].CreateClient();

    /// <summary>Starts one more instance and waits until its consumers listen.</summary>
    public async Task<RoutingInstance> AddInstanceAsync()
    {
        var instance = new RoutingInstance(this);
        instances.Add(instance);
        _ = instance.Server;
        await instance.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return instance;
    }

    /// <summary>Stops an instance as a crash would leave its messages: unacknowledged, back on the queue.</summary>
    public async Task StopInstanceAsync(RoutingInstance instance)
    {
        instances.Remove(instance);
        await instance.DisposeAsync();
    }

    /// <summary>Runs one escalation scan on the first instance, at the clock's current time.</summary>
    public Task<int> ScanEscalationsAsync() => instances[0].Services.GetRequiredService<EscalationScanner>().ScanAsync(CancellationToken.None);

    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class => Events.PublishAsync(message, messageId ?? NewId.NextGuid());

    public async Task<long> CountAsync(string sqlFromWhere)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {sqlFromWhere}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        foreach (var instance in instances)
            await instance.DisposeAsync();
        await TestServers.DeleteVirtualHostAsync(RabbitMqUri);
        await TestServers.DropDatabaseAsync(ConnectionString);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaults.ConfigureJson(options);
        return options;
    }
}

public sealed class RoutingInstance(RoutingApp app) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Routing", app.ConnectionString);
        builder.UseSetting("ConnectionStrings:RabbitMq", app.RabbitMqUri);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Messaging:Transport", "RabbitMq");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        // Escalations run when a test scans, at the time it set.
        builder.UseSetting("Routing:Escalation:ScanInterval", "01:00:00");
        builder.UseSetting("Routing:Classifier:RefreshInterval", "00:00:00");
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(app.Clock));
    }
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(RoutingApp.Json))!;

    /// <summary>The field names a validation problem reports.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
    }
}
