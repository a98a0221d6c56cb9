namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The local topology as separate processes: the Identity, Ticket, Routing, KnowledgeBase, Analytics and Channels services, each on a fresh PostgreSQL database,
/// on a RabbitMQ virtual host of their own (so a local topology running beside the tests never takes their
/// messages), and the gateway in front of them, each on a free loopback port. Tests talk to the gateway only.
/// </summary>
public class Topology : IAsyncLifetime
{
    // Test projects run in parallel on two cores: a service seen waiting 150 s for a CPU to start in 10 s of its own.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly List<ServiceProcess> processes = [];
    private readonly Dictionary<string, string> databases = [];

    /// <summary>Each service's database (by the purpose it was made for, such as "e2e_ticket"), to look into directly.</summary>
    public IReadOnlyDictionary<string, string> Databases => databases;

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The Ticket service's own address, for requests that bypass the gateway.</summary>
    public Uri TicketUrl { get; private set; } = null!;

    /// <summary>The broker URI the services use, for subscribers of their events.</summary>
    public string RabbitMq { get; private set; } = "";

    /// <summary>The mail server Channels sends through and whose support mailbox it polls.</summary>
    public MailServer Mail { get; private set; } = null!;

    /// <summary>The address customers write to: this topology's own mailbox, which its Channels service polls.</summary>
    public string SupportAddress { get; } = MailServer.NewSupportAddress();

    public virtual async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        RabbitMq = await TestServers.CreateVirtualHostAsync("e2e");
        var identityDatabase = await CreateDatabaseAsync("e2e_identity");
        var ticketDatabase = await CreateDatabaseAsync("e2e_ticket");
        var routingDatabase = await CreateDatabaseAsync("e2e_routing");
        var kbDatabase = await CreateDatabaseAsync("e2e_kb");
        var analyticsDatabase = await CreateDatabaseAsync("e2e_analytics");
        var channelsDatabase = await CreateDatabaseAsync("e2e_channels");
        var automationDatabase = await CreateDatabaseAsync("e2e_automation");
        Mail = await MailServer.SharedAsync();

        var identityUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var ticketUrl = TicketUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var routingUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var kbUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var analyticsUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var channelsUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var automationUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        GatewayUrl = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        authentication = new Dictionary<string, string>
        {
            ["Authentication__Authority"] = identityUrl.ToString(),
            ["Authentication__Issuer"] = GatewayUrl.ToString(),
        };
        processes.Add(Start("identity", RepoPaths.BuiltDll("services/Identity/Support.Identity"), identityUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = identityUrl.ToString(),
            ["ConnectionStrings__Identity"] = identityDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
            ["Identity__Issuer"] = GatewayUrl.ToString(),
            ["Identity__AccessTokenLifetime"] = "02:00:00",
            ["Identity__BootstrapAdmin__Email"] = AdminEmail,
            ["Identity__BootstrapAdmin__Password"] = AdminPassword,
        }));
        processes.Add(Start("ticket", RepoPaths.BuiltDll("services/Ticket/Support.Ticket"), ticketUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = ticketUrl.ToString(),
            ["ConnectionStrings__Ticket"] = ticketDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        }));
        processes.Add(Start("routing", RepoPaths.BuiltDll("services/Routing/Support.Routing"), routingUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = routingUrl.ToString(),
            ["ConnectionStrings__Routing"] = routingDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        }));
        processes.Add(Start("kb", RepoPaths.BuiltDll("services/KnowledgeBase/Support.KnowledgeBase"), kbUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = kbUrl.ToString(),
            ["ConnectionStrings__KnowledgeBase"] = kbDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        }));
        processes.Add(Start("analytics", RepoPaths.BuiltDll("services/Analytics/Support.Analytics"), analyticsUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = analyticsUrl.ToString(),
            ["ConnectionStrings__Analytics"] = analyticsDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        }));
        var channelsEnvironment = Mail.ChannelsSettings(pollInbox: true, separator: "__", SupportAddress);
        channelsEnvironment["ASPNETCORE_URLS"] = channelsUrl.ToString();
        channelsEnvironment["ConnectionStrings__Channels"] = channelsDatabase;
        channelsEnvironment["ConnectionStrings__RabbitMq"] = RabbitMq;
        channelsEnvironment["Email__SendInterval"] = "00:00:00.200";
        processes.Add(Start("channels", RepoPaths.BuiltDll("services/Channels/Support.Channels"), channelsUrl, channelsEnvironment));
        processes.Add(Start("automation", RepoPaths.BuiltDll("services/Automation/Support.Automation"), automationUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = automationUrl.ToString(),
            ["ConnectionStrings__Automation"] = automationDatabase,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
            ["Sla__CheckInterval"] = "00:00:01",
        }));
        processes.Add(Start("gateway", RepoPaths.BuiltDll("gateway/Support.Gateway"), GatewayUrl, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = GatewayUrl.ToString(),
            // The per-client limits of production over a longer window, so a flood exceeds them however slow the machine is.
            ["RateLimiting__Window"] = "00:00:10",
            ["ReverseProxy__Clusters__identity__Destinations__primary__Address"] = identityUrl.ToString(),
            ["ReverseProxy__Clusters__ticket__Destinations__primary__Address"] = ticketUrl.ToString(),
            ["ReverseProxy__Clusters__routing__Destinations__primary__Address"] = routingUrl.ToString(),
            ["ReverseProxy__Clusters__kb__Destinations__primary__Address"] = kbUrl.ToString(),
            ["ReverseProxy__Clusters__analytics__Destinations__primary__Address"] = analyticsUrl.ToString(),
            ["ReverseProxy__Clusters__channels__Destinations__primary__Address"] = channelsUrl.ToString(),
            ["ReverseProxy__Clusters__automation__Destinations__primary__Address"] = automationUrl.ToString(),
        }));
        await ServiceProcess.WaitUntilReadyAsync(processes, StartTimeout);
        adminToken = await Tokens.PasswordAsync(GatewayUrl, AdminEmail, AdminPassword);
        integrationToken = await Tokens.IntegrationAsync(GatewayUrl, adminToken, "e2e-tests");
    }

    /// <summary>Settings every process gets on top of its own, such as where to export telemetry.</summary>
    protected virtual IReadOnlyDictionary<string, string> SharedEnvironment => new Dictionary<string, string>();

    private ServiceProcess Start(string name, string dll, Uri url, Dictionary<string, string> environment)
    {
        foreach (var (key, value) in SharedEnvironment.Concat(authentication))
            environment.TryAdd(key, value);
        return ServiceProcess.Start(name, dll, url, environment);
    }

    public const string AdminEmail = "admin@e2e.example.com";
    public const string AdminPassword = "e2e-admin-password";
    private Dictionary<string, string> authentication = [];
    private string adminToken = "";
    private string integrationToken = "";

    /// <summary>A client of the gateway, as an integration (an OAuth client with every scope, made by the first admin) would have.</summary>
    public HttpClient Client() => Client(integrationToken);

    /// <summary>A client of the gateway signed in as the first admin, as the agent console would be.</summary>
    public HttpClient AdminClient() => Client(adminToken);

    /// <summary>A client of the gateway sending this token (none: anonymous).</summary>
    public HttpClient Client(string? token)
    {
        // A first request to a just-started topology compiles its whole path in eight processes: on a busy 2-core machine that took over 15 s.
        var client = new HttpClient { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var process in processes)
            process.Dispose();
        processes.Clear();
        foreach (var database in databases.Values)
            await TestServers.DropDatabaseAsync(database);
        databases.Clear();
        if (RabbitMq.Length > 0)
            await TestServers.DeleteVirtualHostAsync(RabbitMq);
        RabbitMq = "";
    }

    private async Task<string> CreateDatabaseAsync(string purpose)
    {
        var database = await TestServers.CreateDatabaseAsync(purpose);
        databases.Add(purpose, database);
        return database;
    }
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "every service and the gateway as processes, on PostgreSQL, RabbitMQ and a mail server";
}

[CollectionDefinition(Name)]
public sealed class RoutingTopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "a topology of its own for routing, whose groups route every ticket";
}
