using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Hosting;

namespace Support.Analytics.Tests.Infrastructure;

/// <summary>
/// The Analytics service on a database and RabbitMQ virtual host of its own (PostgreSQL), or on a SQLite file with the
/// in-memory bus (the standalone mode). Tests publish other services' events on its bus and wait until all are consumed.
/// </summary>
public sealed class AnalyticsApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly ConsumedMessages consumed = new();
    private int published;

    public bool Sqlite { get; private init; }
    public string ConnectionString { get; private init; } = "";
    public string RabbitMqUri { get; private init; } = "";

    public static async Task<AnalyticsApp> StartAsync(bool sqlite = false)
    {
        var app = sqlite
            ? new AnalyticsApp { Sqlite = true, ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"analytics-test-{Guid.NewGuid():N}.db")}" }
            : new AnalyticsApp
            {
                ConnectionString = await TestServers.CreateDatabaseAsync("analytics"),
                RabbitMqUri = await TestServers.CreateVirtualHostAsync("analytics"),
            };
        _ = app.Server;
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return app;
    }

    public HttpClient Client() => CreateClient();

    /// <summary>Publishes an event as its owning service would, with this MessageId (the same id twice: a redelivery).</summary>
    public async Task PublishAsync(object message, Guid messageId)
    {
        Interlocked.Increment(ref published);
        await Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);
    }

    /// <summary>Waits until every message published so far has been consumed.</summary>
    public async Task WaitForConsumedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (consumed.Count < Volatile.Read(ref published))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {consumed.Count} of {published} published events were consumed.");
            await Task.Delay(50);
        }
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Client().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async Task<string> GetTextAsync(string path)
    {
        var response = await Client().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        if (Sqlite)
        {
            await using var sqliteConnection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
            await sqliteConnection.OpenAsync();
            await using var sqliteCommand = sqliteConnection.CreateCommand();
            sqliteCommand.CommandText = $"SELECT count(*) FROM {table}";
            return (long)(await sqliteCommand.ExecuteScalarAsync())!;
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Analytics", ConnectionString);
        builder.UseSetting("Database:Provider", Sqlite ? "Sqlite" : "Postgres");
        builder.UseSetting("Messaging:Transport", Sqlite ? "InMemory" : "RabbitMq");
        if (!Sqlite)
            builder.UseSetting("ConnectionStrings:RabbitMq", RabbitMqUri);
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<IConsumeObserver>(consumed));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
        else
        {
            await TestServers.DeleteVirtualHostAsync(RabbitMqUri);
            await TestServers.DropDatabaseAsync(ConnectionString);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaults.ConfigureJson(options);
        return options;
    }

    /// <summary>Counts messages the service's consumers handled.</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private int count;
        public int Count => Volatile.Read(ref count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }

        /// <summary>A failed attempt is retried; one that keeps failing never counts, and the wait times out naming the shortfall.</summary>
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}

public static class HttpExtensions
{
    /// <summary>The field names a validation problem reports.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
    }
}
