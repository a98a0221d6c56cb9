using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.EndToEnd.Tests.Compose;

/// <summary>
/// The compose deployment for real: `docker compose up` of the whole system (a project, ports and secrets of its own),
/// a ticket worked through the gateway across every service, a service container and the broker's container
/// restarted, and all of it torn down with its volumes. The images are those of docker-compose.yml
/// (POSTGRES_IMAGE, … from the environment; the test command builds the offline ones where no registry answers).
/// Alone in its project: eight containers starting take both cores from the other topologies' start deadlines.
/// </summary>
[Collection(Name)]
public sealed class ComposeSmokeTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Name = "compose deployment, alone";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(60);
    private const string AdminPassword = "compose-smoke-admin-password";

    private readonly string envFile = Path.Combine(Path.GetTempPath(), $"support-smoke-{Guid.NewGuid():N}.env");
    private readonly int gatewayPort = ServiceProcess.FreePort();
    private readonly Stopwatch clock = new();
    private DockerCompose compose = null!;

    public async Task InitializeAsync()
    {
        var secret = () => Guid.NewGuid().ToString("N");
        await File.WriteAllLinesAsync(envFile,
        [
            $"SUPPORT_PUBLIC_URL=http://localhost:{gatewayPort}/",
            $"SUPPORT_HTTP_PORT={gatewayPort}",
            $"RABBITMQ_MANAGEMENT_PORT={ServiceProcess.FreePort()}",
            "SUPPORT_ADMIN_EMAIL=admin@smoke.example.com",
            $"SUPPORT_ADMIN_PASSWORD={AdminPassword}",
            $"POSTGRES_PASSWORD={secret()}",
            $"SUPPORT_DB_PASSWORD={secret()}",
            $"RABBITMQ_PASSWORD={secret()}",
        ]);
        compose = new DockerCompose($"support-smoke-{Guid.NewGuid().ToString("N")[..8]}", envFile);
        clock.Start();
        await compose.RunAsync(TimeSpan.FromMinutes(10), "up", "--build", "-d");
        Phase("up --build -d");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await compose.RunAsync(TimeSpan.FromMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "20");
            Phase("down --volumes");
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public async Task The_whole_system_serves_a_ticket_and_survives_restarts_of_a_service_and_the_broker()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}/") };
        await WaitUntilReadyAsync(http);
        Phase("gateway ready");
        var token = await Tokens.PasswordAsync(http.BaseAddress, "admin@smoke.example.com", AdminPassword);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var group = await (await http.PostAsJsonAsync("/api/groups", new { name = "Front line", tier = 1, policy = "round_robin", isDefault = true })).JsonAsync(HttpStatusCode.Created);
        var agentId = (await (await http.PostAsJsonAsync("/api/agents", new
        {
            name = "Ada Agent", email = "ada@smoke.example.com", groups = new[] { group.GetProperty("id").GetInt32() }, capacity = 10, status = "online",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var articleId = (await (await http.PostAsJsonAsync("/api/kb/articles", new
        {
            title = "Reset your password", body = "Choose *Forgot password* on the sign-in page and follow the link we email you.",
            locale = "en", status = "published",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var answer = await (await http.PostAsJsonAsync("/api/kb/answers", new { question = "How do I reset my password?" })).JsonAsync(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("handoff").GetBoolean(), answer.ToString());
        Assert.Equal(articleId, answer.GetProperty("articles")[0].GetProperty("id").GetInt32());

        var ticketId = await CreateTicketAsync(http, "I forgot my password");
        var assigned = await WaitForAssignmentAsync(http, ticketId);
        Assert.Equal(agentId, assigned.GetProperty("assigneeId").GetInt32());
        Assert.Contains(assigned.GetProperty("suggestedArticles").EnumerateArray(), s => s.GetProperty("articleId").GetInt32() == articleId);
        var reply = await http.PostAsJsonAsync($"/api/tickets/{ticketId}/comments", new { body = "The reset link is on its way.", @public = true });
        await reply.JsonAsync(HttpStatusCode.Created);
        await (await http.PatchAsync($"/api/tickets/{ticketId}", new { status = "solved" }, ifMatch: reply.ETag())).JsonAsync(HttpStatusCode.OK);
        await WaitForMetricsAsync(http, ticketId, "solved");
        Phase("ticket created, routed, answered, solved, in analytics");

        await compose.RunAsync(TimeSpan.FromMinutes(2), "restart", "ticket");
        await compose.RunAsync(TimeSpan.FromMinutes(2), "restart", "rabbitmq");
        Phase("ticket and rabbitmq containers restarted");
        await WaitUntilReadyAsync(http);
        var again = await Eventually.ReadUntilAsync(() => ReadAsync(http, $"/api/tickets/{ticketId}"), t => t.ValueKind == JsonValueKind.Object,
            EventTimeout, $"ticket {ticketId} to be served again after the restarts");
        Assert.Equal(("I forgot my password", "solved"), (again.Text("subject"), again.Text("status")));

        var afterRestart = await CreateTicketAsync(http, "Still cannot sign in");
        Assert.Equal(agentId, (await WaitForAssignmentAsync(http, afterRestart)).GetProperty("assigneeId").GetInt32());
        await WaitForMetricsAsync(http, afterRestart, "open");
        Phase("a new ticket routed and in analytics after the restarts");
    }

    private static async Task<int> CreateTicketAsync(HttpClient http, string subject) =>
        (await (await http.PostAsJsonAsync("/api/tickets", new
        {
            subject, description = "I can't reset my password, the sign-in page refuses it.",
            requester = new { email = "ann@smoke.example.com", name = "Ann Example" },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static Task<JsonElement> WaitForAssignmentAsync(HttpClient http, int ticketId) =>
        Eventually.ReadUntilAsync(() => ReadAsync(http, $"/api/tickets/{ticketId}"),
            t => t.ValueKind == JsonValueKind.Object && t.GetProperty("assigneeId").ValueKind == JsonValueKind.Number
                && t.GetProperty("suggestedArticles").GetArrayLength() > 0,
            EventTimeout, $"ticket {ticketId} to be assigned (Routing) and shown its suggested article (KnowledgeBase)");

    private static Task WaitForMetricsAsync(HttpClient http, int ticketId, string status) =>
        Eventually.ReadUntilAsync(() => ReadAsync(http, $"/api/analytics/tickets/{ticketId}"),
            m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("metrics", out var metrics) && metrics.Text("status") == status,
            EventTimeout, $"analytics to show ticket {ticketId} {status}");

    /// <summary>The body of a 200, or null (JsonValueKind.Undefined) for any other answer or a refused connection while a container restarts.</summary>
    private static async Task<JsonElement> ReadAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }
        catch (HttpRequestException)
        {
            return default;
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(3); ; await Task.Delay(TimeSpan.FromSeconds(1)))
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "The gateway was not ready within 3 minutes of docker compose up.");
        }
    }

    private void Phase(string name) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {name}");
}

[CollectionDefinition(ComposeSmokeTests.Name, DisableParallelization = true)]
public sealed class ComposeSmokeCollection;
