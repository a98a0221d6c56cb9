using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts.Routing;
using Support.Routing.Escalation;

namespace Support.Routing.Tests.Infrastructure;

/// <summary>
/// The Routing service on a database and RabbitMQ virtual host of its own, in one or more instances (competing
/// consumers), on a clock the test controls, with a subscriber recording every event.
/// </summary>
public sealed class RoutingApp : IAsyncDisposable
{
    private readonly List<RoutingInstance> instances = [];

    public static JsonSerializerOptions Json => TestJson.Options;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public ServiceServers Servers { get; private init; } = null!;
    public string ConnectionString => Servers.ConnectionString;
    public string RabbitMqUri => Servers.RabbitMqUri;
    public EventListener Events { get; private set; } = null!;

    /// <param name="sqlite">The standalone mode: a SQLite file and the in-memory bus (no listener: publish with <see cref="PublishInProcessAsync"/>).</param>
    public static async Task<RoutingApp> StartAsync(int instances = 1, bool listen = true, bool sqlite = false)
    {
        var app = new RoutingApp { Servers = await ServiceServers.CreateAsync("routing", sqlite) };
        for (var i = 0; i < instances; i++)
            await app.AddInstanceAsync();
        if (listen && !sqlite)
            app.Events = await EventListener.StartAsync(app.RabbitMqUri,
                typeof(TicketRouted), typeof(TicketQueued), typeof(TicketClassified), typeof(TicketEscalated), typeof(AgentStatusChanged));
        return app;
    }

    public RoutingInstance Instance(int index = 0) => instances[index];

    /// <summary>A client of the first instance, signed in as the actor (none: an integration with every scope).</summary>
    public HttpClient Client(string? actor = null) => instances[0].Client(actor);

    /// <summary>Starts one more instance and waits until its consumers listen.</summary>
    public async Task<RoutingInstance> AddInstanceAsync()
    {
        var instance = new RoutingInstance(this);
        instances.Add(instance);
        await instance.InitializeAsync();
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

    /// <summary>Publishes on the first instance's own bus (the in-memory one, in the standalone mode).</summary>
    public Task PublishInProcessAsync<T>(T message) where T : class =>
        instances[0].Services.GetRequiredService<IBus>().Publish(message);

    public Task<long> CountAsync(string sqlFromWhere) => Servers.CountAsync(sqlFromWhere);

    public async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        foreach (var instance in instances)
            await instance.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

/// <summary>One instance of the Routing service, on the servers its app shares among them.</summary>
public sealed class RoutingInstance(RoutingApp app) : ServiceApp<Program>("Routing", shared: app.Servers)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        // Escalations run when a test scans, at the time it set.
        builder.UseSetting("Routing:Escalation:ScanInterval", "01:00:00");
        builder.UseSetting("Routing:Classifier:RefreshInterval", "00:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(app.Clock));
    }
}
