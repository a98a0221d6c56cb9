namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The local topology as separate processes: the Ticket service on a fresh PostgreSQL database and the real RabbitMQ,
/// and the gateway in front of it, each on a free loopback port. Tests talk to the gateway only.
/// </summary>
public sealed class Topology : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> processes = [];
    private string? database;

    public Uri GatewayUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await TestServers.EnsureRabbitMqReachableAsync();
        database = await TestServers.CreateDatabaseAsync("e2e");

        var ticketUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        GatewayUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        processes.Add(ServiceProcess.Start("ticket", RepoPaths.BuiltDll("services/Ticket/Support.Ticket"), ticketUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = ticketUrl.ToString(),
            ["ConnectionStrings__Ticket"] = database,
            ["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq,
        }));
        processes.Add(ServiceProcess.Start("gateway", RepoPaths.BuiltDll("gateway/Support.Gateway"), GatewayUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = GatewayUrl.ToString(),
            ["ReverseProxy__Clusters__ticket__Destinations__primary__Address"] = ticketUrl.ToString(),
        }));

        try
        {
            await ServiceProcess.WaitUntilReadyAsync(processes, StartTimeout);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the gateway, as a front-end app would have.</summary>
    public HttpClient Client() => new() { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(15) };

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
            process.Dispose();
        processes.Clear();
        if (database is not null)
            await TestServers.DropDatabaseAsync(database);
        database = null;
    }
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "ticket service and gateway as processes, on PostgreSQL and RabbitMQ";
}
