using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>Idempotency-Key as a client sees it: through the gateway (YARP forwards it) and in the standalone host on SQLite.</summary>
public static class IdempotencyKeyChecks
{
    /// <summary>Sends one ticket twice with one key, then another body with it; asserts one ticket and the first answer replayed.</summary>
    public static async Task OneTicketForTwoSendsAsync(HttpClient client)
    {
        var subject = $"Retried create {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var body = new { subject, description = "The answer was lost, so the client sent it again.", requester = new { email = $"r-{Guid.NewGuid():N}@example.com" } };

        var first = await SendAsync(client, body, key);
        var repeat = await SendAsync(client, body, key);
        var other = await SendAsync(client, new { subject = subject + "!", body.description, body.requester }, key);

        var created = await first.JsonAsync(HttpStatusCode.Created);
        var replayed = await repeat.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(created.GetProperty("id").GetInt32(), replayed.GetProperty("id").GetInt32());
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        var problem = await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        var found = await (await client.GetAsync($"/api/tickets?q={Uri.EscapeDataString(subject)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("items").GetArrayLength());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

[Collection(TopologyCollection.Name)]
public sealed class GatewayIdempotencyKeyTests(Topology topology)
{
    [Fact]
    public async Task A_retried_create_through_the_gateway_creates_one_ticket_and_gets_the_first_answer()
    {
        using var client = topology.Client();
        await IdempotencyKeyChecks.OneTicketForTwoSendsAsync(client);
    }

    [Fact]
    public async Task The_gateway_serves_the_header_in_the_ticket_services_openapi_document()
    {
        using var client = topology.Client();
        var document = await (await client.GetAsync("/openapi/ticket.json")).JsonAsync(HttpStatusCode.OK);
        var parameters = document.GetProperty("paths").GetProperty("/api/tickets").GetProperty("post").GetProperty("parameters");
        Assert.Contains(parameters.EnumerateArray(), p => p.Text("name") == "Idempotency-Key" && p.Text("in") == "header");
    }
}

public sealed class StandaloneIdempotencyKeyTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("support-standalone-").FullName;

    [Fact]
    public async Task A_retried_create_in_the_standalone_host_creates_one_ticket_and_gets_the_first_answer()
    {
        var url = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        using var standalone = ServiceProcess.Start("standalone", RepoPaths.BuiltDll("deploy/Support.Standalone"), url, new Dictionary<string, string>
        {
            ["Urls"] = url.ToString(),
            ["ConnectionStrings__Identity"] = $"Data Source={Path.Combine(dataFolder, "identity.db")}",
            ["Identity__BootstrapAdmin__Email"] = Topology.AdminEmail,
            ["Identity__BootstrapAdmin__Password"] = Topology.AdminPassword,
            ["ConnectionStrings__Ticket"] = $"Data Source={Path.Combine(dataFolder, "ticket.db")}",
            ["ConnectionStrings__Routing"] = $"Data Source={Path.Combine(dataFolder, "routing.db")}",
            ["ConnectionStrings__KnowledgeBase"] = $"Data Source={Path.Combine(dataFolder, "kb.db")}",
            ["ConnectionStrings__Analytics"] = $"Data Source={Path.Combine(dataFolder, "analytics.db")}",
            ["ConnectionStrings__Channels"] = $"Data Source={Path.Combine(dataFolder, "channels.db")}",
        });
        await ServiceProcess.WaitUntilReadyAsync([standalone], TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await Tokens.PasswordAsync(url, Topology.AdminEmail, Topology.AdminPassword));

        await IdempotencyKeyChecks.OneTicketForTwoSendsAsync(client);
    }

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);
}
