extern alias standalone;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Support.Hosting.Security;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Support.Fuzz.Tests.Infrastructure;

public enum DatabaseKind { Postgres, Sqlite }

/// <summary>
/// The standalone composition (every service in one host, the in-memory bus) on databases of its own, PostgreSQL or
/// SQLite, so the same requests can be sent to both run modes.
/// </summary>
public class StandaloneHost(DatabaseKind kind)
    : WebApplicationFactory<standalone::Program>, IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["Identity", "Ticket", "Routing", "KnowledgeBase", "Analytics", "Channels", "Automation"];

    public DatabaseKind Kind => kind;

    public UnhandledErrors Errors { get; } = new();

    public BusActivity Bus { get; } = new();

    /// <summary>Each service's connection string, as the host uses it.</summary>
    public Dictionary<string, string> ConnectionStrings { get; } = [];

    /// <summary>Each service's own database, for the tests to inspect (the host's may go through a proxy).</summary>
    public Dictionary<string, string> DirectConnectionStrings { get; } = [];

    private string? sqliteFolder;

    public async Task InitializeAsync()
    {
        foreach (var service in ServiceNames)
        {
            if (kind == DatabaseKind.Postgres)
            {
                var direct = await TestServers.CreateDatabaseAsync("fuzz_" + service.ToLowerInvariant());
                DirectConnectionStrings[service] = direct;
                ConnectionStrings[service] = HostConnection(direct);
            }
            else
            {
                sqliteFolder ??= Directory.CreateTempSubdirectory("support-fuzz-").FullName;
                var file = new SqliteConnectionStringBuilder { DataSource = Path.Combine(sqliteFolder, service.ToLowerInvariant() + ".db") };
                DirectConnectionStrings[service] = file.ConnectionString;
                ConnectionStrings[service] = HostConnection(file.ConnectionString);
            }
        }
        _ = Server; // starts the host: schemas are in place before the first request
    }

    /// <summary>The connection string the host gets for a service's database (a test may route it through a proxy, or change a timeout).</summary>
    protected virtual string HostConnection(string direct) => direct;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", kind.ToString());
        builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Identity:AllowSelfRegistration", "true"); // every operation open to its callers, registration too
        // No work on a timer: an escalation falling due between a refused request's snapshots would look like its write.
        builder.UseSetting("Routing:Escalation:ScanInterval", "1.00:00:00");
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureServices(services => services.AddSingleton(Bus).AddReceiveObserver<BusActivity>());
        foreach (var (service, connectionString) in ConnectionStrings)
            builder.UseSetting($"ConnectionStrings:{service}", connectionString);
        // Signed in as an admin, whom every rule lets through: the fuzz reaches every operation's validation.
        builder.ConfigureTestServices(services => services.AddSingleton<ISigningKeySource>(TestTokens.Keys));
        // Identity gathers an export from the other services' APIs over HTTP: here they answer in this test server.
        builder.ConfigureTestServices(services => services.AddHttpClient<Support.Identity.PersonalData.PersonalDataSources>()
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.SignedIn(SupportRoles.Admin);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (kind == DatabaseKind.Postgres)
            foreach (var connectionString in DirectConnectionStrings.Values)
                await TestServers.DropDatabaseAsync(connectionString);
        else if (sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(sqliteFolder, recursive: true);
        }
    }
}
