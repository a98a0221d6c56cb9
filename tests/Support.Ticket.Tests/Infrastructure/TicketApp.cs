using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Support.Hosting;

namespace Support.Ticket.Tests.Infrastructure;

/// <summary>The Ticket service in-process on a database of its own, publishing to the real RabbitMQ.</summary>
public sealed class TicketApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    public string ConnectionString { get; private set; } = "";
    public string RabbitMqUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestServers.CreateDatabaseAsync("ticket");
        RabbitMqUri = await TestServers.CreateVirtualHostAsync("ticket");
        _ = Server; // starts the host: the schema is migrated before the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // UseSetting, unlike ConfigureAppConfiguration, is seen by what Program reads while composing the services.
        foreach (var (key, value) in Settings())
            builder.UseSetting(key, value);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ConnectionStrings:Ticket"] = ConnectionString,
        ["ConnectionStrings:RabbitMq"] = RabbitMqUri,
        ["Database:Provider"] = "Postgres",
        ["Messaging:Transport"] = "RabbitMq",
        ["Outbox:PublishTimeout"] = "00:00:03",
        ["Outbox:PollInterval"] = "00:00:00.200",
        ["Logging:Json"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public HttpClient Client() => CreateClient();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class TicketAppCollection : ICollectionFixture<TicketApp>
{
    public const string Name = "ticket service on PostgreSQL and RabbitMQ";
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(TicketApp.Json))!;

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
