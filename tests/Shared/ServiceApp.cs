using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Hosting;

namespace Support.Testing;

/// <summary>
/// The database and broker a service under test uses: on PostgreSQL a database and a RabbitMQ virtual host of its
/// own (so no other running service competes for its queues), or a SQLite file of its own and the in-memory bus (the
/// standalone mode). Several instances of a service may share one (competing consumers).
/// </summary>
public sealed class ServiceServers : IAsyncDisposable
{
    public required bool Sqlite { get; init; }
    public required string ConnectionString { get; init; }
    public string RabbitMqUri { get; init; } = "";
    private RabbitMqServer? Broker { get; init; }

    /// <param name="broker">The broker to make the virtual host on; none: the shared one.</param>
    public static async Task<ServiceServers> CreateAsync(string purpose, bool sqlite = false, RabbitMqServer? broker = null)
    {
        if (sqlite)
            return new ServiceServers { Sqlite = true, ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"{purpose}-test-{Guid.NewGuid():N}.db")}" };
        broker ??= await TestServers.RabbitMqAsync();
        return new ServiceServers
        {
            Sqlite = false,
            ConnectionString = await TestServers.CreateDatabaseAsync(purpose),
            RabbitMqUri = await broker.CreateVirtualHostAsync(purpose),
            Broker = broker,
        };
    }

    /// <summary>The settings every service reads to find them, under its connection string's name.</summary>
    public Dictionary<string, string> Settings(string connectionName)
    {
        var settings = new Dictionary<string, string>
        {
            [$"ConnectionStrings:{connectionName}"] = ConnectionString,
            ["Database:Provider"] = Sqlite ? "Sqlite" : "Postgres",
            ["Messaging:Transport"] = Sqlite ? "InMemory" : "RabbitMq",
        };
        if (!Sqlite)
            settings["ConnectionStrings:RabbitMq"] = RabbitMqUri;
        return settings;
    }

    /// <summary>Counts rows straight from the service's database (<c>SELECT count(*) FROM …</c>), to prove what a request wrote or did not.</summary>
    public async Task<long> CountAsync(string sqlFromWhere)
    {
        if (Sqlite)
        {
            await using var sqliteConnection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
            await sqliteConnection.OpenAsync();
            await using var sqliteCommand = sqliteConnection.CreateCommand();
            sqliteCommand.CommandText = $"SELECT count(*) FROM {sqlFromWhere}";
            return (long)(await sqliteCommand.ExecuteScalarAsync())!;
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {sqlFromWhere}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
        else
        {
            await Broker!.DeleteVirtualHostAsync(RabbitMqUri);
            await TestServers.DropDatabaseAsync(ConnectionString);
        }
    }
}

/// <summary>
/// A service in-process, as its tests start it: on <see cref="ServiceServers"/> of its own (or shared with other
/// instances), with the settings every test app sets; a project's app adds only what its service needs.
/// Compiled into each test project (see its csproj).
/// </summary>
public abstract class ServiceApp<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private readonly string connectionName;
    private readonly bool ownsServers;
    private ServiceServers? servers;

    /// <param name="connectionName">The service's connection string's name ("Ticket").</param>
    /// <param name="shared">Servers another instance made and disposes; none: this app makes its own at start.</param>
    protected ServiceApp(string connectionName, bool sqlite = false, ServiceServers? shared = null)
    {
        this.connectionName = connectionName;
        Sqlite = shared?.Sqlite ?? sqlite;
        servers = shared;
        ownsServers = shared is null;
    }

    /// <summary>The service's JSON options, to read its answers as a front end would.</summary>
    public static JsonSerializerOptions Json => TestJson.Options;

    public bool Sqlite { get; }

    /// <summary>A broker of the app's own (a test that stops it), for the servers it makes; none: the shared one.</summary>
    public RabbitMqServer? Broker { get; init; }

    public ServiceServers Servers => servers ?? throw new InvalidOperationException("Start the app first (InitializeAsync).");
    public string ConnectionString => Servers.ConnectionString;
    public string RabbitMqUri => Servers.RabbitMqUri;

    /// <summary>Makes its servers when it has none yet, starts the service (migrating its schema) and waits until its bus is up.</summary>
    public async Task InitializeAsync()
    {
        servers ??= await ServiceServers.CreateAsync(connectionName.ToLowerInvariant(), Sqlite, Broker);
        await BeforeStartAsync();
        _ = Server;
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>A client signed in as the actor (e.g. "agent:7", "customer:42", "admin"; see <see cref="TestTokens.For"/>); none: an integration with every scope.</summary>
    public HttpClient Client(string? actor = null) => ClientWithToken(TestTokens.Keys.For(actor));

    /// <summary>A client of an integration: an OAuth client with these scopes.</summary>
    public HttpClient IntegrationClient(string clientId, params string[] scopes) => ClientWithToken(TestTokens.Keys.ForClient(clientId, scopes));

    /// <summary>A client sending this bearer token (none: no Authorization header).</summary>
    public HttpClient ClientWithToken(string? token) => CreateClient().WithToken(token);

    public Task<long> CountAsync(string sqlFromWhere) => Servers.CountAsync(sqlFromWhere);

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = Servers.Settings(connectionName);
        settings["Outbox:PollInterval"] = "00:00:00.200";
        settings["Logging:Json"] = "false";
        settings["Logging:LogLevel:Default"] = "Warning";
        // UseSetting, unlike ConfigureAppConfiguration, is seen by what Program reads while composing the services.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.TrustTestTokens();
        Configure(builder);
    }

    /// <summary>What the app must have before it starts (another server to talk to), with its servers made.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>What this service's tests set besides the common settings (its own options, test services).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsServers && servers is not null)
            await servers.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>The services' JSON conventions (enums as lowercase text), for reading their answers.</summary>
public static class TestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaults.ConfigureJson(options);
        return options;
    }
}

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(TestJson.Options))!;

    /// <summary>The problem details of a refused request (asserting it is one).</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The field names a validation problem reports.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync();
        return problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
    }
}
