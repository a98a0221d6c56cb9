using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Contracts.KnowledgeBase;
using Support.Hosting;

namespace Support.KnowledgeBase.Tests.Infrastructure;

/// <summary>
/// The KnowledgeBase service on a database and RabbitMQ virtual host of its own (PostgreSQL), or on a SQLite file
/// with the in-memory bus (the standalone mode), with a subscriber recording every event it publishes.
/// </summary>
public sealed class KnowledgeBaseApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public bool Sqlite { get; private init; }
    public string ConnectionString { get; private init; } = "";
    public string RabbitMqUri { get; private init; } = "";
    public EventListener? Events { get; private set; }

    public static async Task<KnowledgeBaseApp> StartAsync(bool sqlite = false)
    {
        var app = sqlite
            ? new KnowledgeBaseApp { Sqlite = true, ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"kb-test-{Guid.NewGuid():N}.db")}" }
            : new KnowledgeBaseApp
            {
                ConnectionString = await TestServers.CreateDatabaseAsync("kb"),
                RabbitMqUri = await TestServers.CreateVirtualHostAsync("kb"),
            };
        _ = app.Server;
        if (!sqlite)
        {
            await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
            app.Events = await EventListener.StartAsync(app.RabbitMqUri, typeof(ArticlePublished), typeof(ArticleUpdated),
                typeof(ArticleArchived), typeof(ArticleFeedbackGiven), typeof(QuestionAnswered), typeof(ArticlesSuggested));
        }
        return app;
    }

    /// <summary>A client whose requests carry X-Actor (e.g. "customer:42"); none: an API client.</summary>
    public HttpClient Client(string? actor = null)
    {
        var client = CreateClient();
        if (actor is not null)
            client.DefaultRequestHeaders.Add("X-Actor", actor);
        return client;
    }

    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        (Events ?? throw new InvalidOperationException("The SQLite app has no broker.")).PublishAsync(message, messageId ?? NewId.NextGuid());

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:KnowledgeBase", ConnectionString);
        builder.UseSetting("Database:Provider", Sqlite ? "Sqlite" : "Postgres");
        builder.UseSetting("Messaging:Transport", Sqlite ? "InMemory" : "RabbitMq");
        if (!Sqlite)
            builder.UseSetting("ConnectionStrings:RabbitMq", RabbitMqUri);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
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
}

/// <summary>One KnowledgeBase service on PostgreSQL shared by the tests of a class, which xunit runs one at a time.</summary>
public sealed class KnowledgeBaseAppFixture : IAsyncLifetime
{
    public KnowledgeBaseApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await KnowledgeBaseApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(KnowledgeBaseApp.Json))!;

    /// <summary>The field names a validation problem reports.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
    }
}
