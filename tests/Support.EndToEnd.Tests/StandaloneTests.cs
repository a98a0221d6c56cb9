using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// The newcomer's command (`dotnet run --project deploy/Support.Standalone`), run as the built dll with the same
/// settings: no servers, a SQLite file per service, the in-memory bus, the API and Swagger UI on one port; the first
/// admin's password, generated, printed once in its log.
/// </summary>
public sealed class StandaloneTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("support-standalone-").FullName;

    [Fact]
    public async Task The_standalone_command_serves_the_api()
    {
        var url = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var ticketDatabase = Path.Combine(dataFolder, "ticket.db");
        var routingDatabase = Path.Combine(dataFolder, "routing.db");
        var kbDatabase = Path.Combine(dataFolder, "kb.db");
        var analyticsDatabase = Path.Combine(dataFolder, "analytics.db");
        using var standalone = ServiceProcess.Start("standalone", RepoPaths.BuiltDll("deploy/Support.Standalone"), url, new Dictionary<string, string>
        {
            ["Urls"] = url.ToString(),
            ["ConnectionStrings__Identity"] = $"Data Source={Path.Combine(dataFolder, "identity.db")}",
            ["ConnectionStrings__Ticket"] = $"Data Source={ticketDatabase}",
            ["ConnectionStrings__Routing"] = $"Data Source={routingDatabase}",
            ["ConnectionStrings__KnowledgeBase"] = $"Data Source={kbDatabase}",
            ["ConnectionStrings__Analytics"] = $"Data Source={analyticsDatabase}",
            ["ConnectionStrings__Channels"] = $"Data Source={Path.Combine(dataFolder, "channels.db")}",
            ["ConnectionStrings__Automation"] = $"Data Source={Path.Combine(dataFolder, "automation.db")}",
        });
        // As long as the topology's processes get: on a machine busy with the other test projects, seven services start slowly.
        await ServiceProcess.WaitUntilReadyAsync([standalone], TimeSpan.FromSeconds(180));
        using var anonymous = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/groups")).StatusCode);
        var password = Assert.Single(Regex.Matches(standalone.Output, "Created the first admin admin@localhost with password (\\S+)")).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens.PasswordAsync(url, "admin@localhost", password));

        Assert.Empty((await (await client.GetAsync("/api/groups")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        var group = await (await client.PostAsJsonAsync("/api/groups",
            new { name = "Support", tier = 1, policy = "round_robin", isDefault = true })).JsonAsync(HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetInt32();
        var agent = await (await client.PostAsJsonAsync("/api/agents",
            new { name = "Me", email = "me@example.com", groups = new[] { groupId }, capacity = 5, status = "online" })).JsonAsync(HttpStatusCode.Created);
        var agentId = agent.GetProperty("id").GetInt32();

        var article = await (await client.PostAsJsonAsync("/api/kb/articles", new
        {
            title = "Run Support on a laptop without servers", body = "The standalone mode keeps everything in SQLite files on your laptop.",
            locale = "en", status = "published",
        })).JsonAsync(HttpStatusCode.Created);
        var articleId = article.GetProperty("id").GetInt32();
        var found = await (await client.GetAsync("/api/kb/search?q=laptop%20servers")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(articleId, found.GetProperty("items")[0].GetProperty("id").GetInt32());

        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "First ticket on my laptop",
            description = "Trying Support without any servers.",
            requester = new { email = "newcomer@example.com", name = "Nia Newcomer" },
        });
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var read = await (await client.GetAsync(created.Headers.Location)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, read.GetProperty("id").GetInt32());
        Assert.Equal("First ticket on my laptop", read.Text("subject"));

        // The in-memory bus carries TicketCreated to Routing and its TicketRouted back to Ticket.
        var assigned = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{id}")).JsonAsync(HttpStatusCode.OK),
            t => t.GetProperty("assigneeId").ValueKind == JsonValueKind.Number,
            TimeSpan.FromSeconds(30),
            $"ticket {id} to be assigned to agent {agentId}");
        Assert.Equal(agentId, assigned.GetProperty("assigneeId").GetInt32());
        Assert.Equal("open", assigned.Text("status"));
        // ... and TicketCreated to the knowledge base, whose ArticlesSuggested the ticket shows.
        var suggested = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{id}")).JsonAsync(HttpStatusCode.OK),
            t => t.GetProperty("suggestedArticles").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30),
            $"ticket {id} to show article {articleId} as a suggestion");
        Assert.Equal(articleId, suggested.GetProperty("suggestedArticles")[0].GetProperty("articleId").GetInt32());

        var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger-ui", await ui.Content.ReadAsStringAsync());
        // One document for both services, though each has a type named TicketPriority.
        var openApi = await (await client.GetAsync("/swagger/v1/swagger.json")).JsonAsync(HttpStatusCode.OK);
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/tickets", paths);
        Assert.Contains("/api/groups", paths);
        Assert.Contains("/api/kb/search", paths);
        Assert.True(File.Exists(ticketDatabase), $"No SQLite file at {ticketDatabase}.");
        Assert.True(File.Exists(routingDatabase), $"No SQLite file at {routingDatabase}.");
        Assert.True(File.Exists(kbDatabase), $"No SQLite file at {kbDatabase}.");
        Assert.True(File.Exists(analyticsDatabase), $"No SQLite file at {analyticsDatabase}.");
    }

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);
}
