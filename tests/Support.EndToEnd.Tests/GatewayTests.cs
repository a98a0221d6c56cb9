using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>The REST surface as a front-end app sees it: real HTTP to the gateway, which forwards to the service processes.</summary>
[Collection(TopologyCollection.Name)]
public sealed class GatewayTests(Topology topology)
{
    [Fact]
    public async Task A_client_works_a_ticket_from_creation_to_satisfaction()
    {
        using var client = topology.Client();
        var email = $"ann-{Guid.NewGuid():N}@example.com";

        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Cannot log in",
            description = "The login page says my password is wrong.",
            requester = new { email, name = "Ann Example" },
            priority = "high",
        });
        var ticket = await created.JsonAsync(HttpStatusCode.Created);
        var id = ticket.GetProperty("id").GetInt32();
        var requesterId = ticket.GetProperty("requesterId").GetInt32();
        Assert.Equal($"/api/tickets/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("new", ticket.Text("status"));
        Assert.Equal("high", ticket.Text("priority"));

        var read = await client.GetAsync($"/api/tickets/{id}");
        Assert.Equal("Cannot log in", (await read.JsonAsync(HttpStatusCode.OK)).Text("subject"));
        var firstETag = read.ETag();

        var assigned = await client.PatchAsync($"/api/tickets/{id}", new { assigneeId = 7, status = "pending" }, ifMatch: firstETag);
        ticket = await assigned.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, ticket.GetProperty("assigneeId").GetInt32());
        Assert.Equal("pending", ticket.Text("status"));

        var reply = await client.PostAsJsonAsync($"/api/tickets/{id}/comments",
            new { body = "I have sent you a reset link.", @public = true, author = new { type = "agent", id = "7" } });
        await reply.JsonAsync(HttpStatusCode.Created);
        var note = await client.PostAsJsonAsync($"/api/tickets/{id}/comments",
            new { body = "Internal: the account is on the legacy SSO.", @public = false, author = new { type = "agent", id = "7" } });
        Assert.False((await note.JsonAsync(HttpStatusCode.Created)).GetProperty("public").GetBoolean());

        var solved = await client.PatchAsync($"/api/tickets/{id}", new { status = "solved" }, ifMatch: note.ETag());
        ticket = await solved.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("solved", ticket.Text("status"));
        Assert.Equal(JsonValueKind.String, ticket.GetProperty("solvedAt").ValueKind);

        var rated = await client.PostAsJsonAsync($"/api/tickets/{id}/satisfaction", new { score = "good", comment = "Quick and kind." });
        Assert.Equal("good", (await rated.JsonAsync(HttpStatusCode.OK)).GetProperty("satisfaction").Text("score"));

        var audit = await (await client.GetAsync($"/api/tickets/{id}/audit")).JsonAsync(HttpStatusCode.OK);
        var changes = audit.GetProperty("items").EnumerateArray()
            .Select(e => $"{e.Text("field")}:{e.GetProperty("newValue").GetString()}")
            .ToList();
        Assert.Contains("ticket:created", changes);
        Assert.Contains("assigneeId:7", changes);
        Assert.Contains("status:pending", changes);
        Assert.Contains("status:solved", changes);
        Assert.Contains("satisfaction:good", changes);
        Assert.Equal(2, changes.Count(c => c.StartsWith("comment:", StringComparison.Ordinal)));

        var view = await (await client.GetAsync($"/api/customers/{requesterId}/tickets/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, view.GetProperty("ticket").GetProperty("id").GetInt32());
        var visible = view.GetProperty("comments").EnumerateArray().Select(c => c.Text("body")).ToList();
        Assert.Equal(["I have sent you a reset link."], visible);
        Assert.DoesNotContain("legacy SSO", view.GetRawText());

        var stale = await client.PatchAsync($"/api/tickets/{id}", new { priority = "urgent" }, ifMatch: firstETag);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_the_field()
    {
        using var client = topology.Client();

        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Printer on fire",
            description = "It really is.",
            requester = new { email = "bob@example.com", name = "Bob" },
            priority = "apocalyptic",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["priority"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task An_unknown_ticket_is_not_found()
    {
        using var client = topology.Client();

        var response = await client.GetAsync("/api/tickets/987654321");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_correlation_id_a_client_sends_comes_back()
    {
        using var client = topology.Client();
        var correlationId = $"e2e-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tickets?limit=1");
        request.Headers.Add("X-Correlation-Id", correlationId);

        using var response = await client.SendAsync(request);

        await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal([correlationId], response.Headers.GetValues("X-Correlation-Id"));
    }

    [Fact]
    public async Task The_gateway_serves_swagger_ui_and_each_services_openapi_document()
    {
        using var client = topology.Client();

        var ui = await client.GetAsync("/swagger/index.html");
        var html = await ui.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", html);
        // The UI's configuration lists each service's document.
        var uiScript = await client.GetStringAsync("/swagger/index.js");
        Assert.Contains("/openapi/ticket.json", uiScript);
        Assert.Contains("/openapi/routing.json", uiScript);
        Assert.Contains("/openapi/kb.json", uiScript);
        Assert.Contains("/openapi/analytics.json", uiScript);

        var ticketApi = await (await client.GetAsync("/openapi/ticket.json")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(ticketApi.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith("/api/tickets", StringComparison.Ordinal));

        var routingApi = await (await client.GetAsync("/openapi/routing.json")).JsonAsync(HttpStatusCode.OK);
        var routingPaths = routingApi.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/api/agents", routingPaths);
        Assert.Contains("/api/groups", routingPaths);
        Assert.Contains(routingPaths, path => path.StartsWith("/api/routing/", StringComparison.Ordinal));

        var kbApi = await (await client.GetAsync("/openapi/kb.json")).JsonAsync(HttpStatusCode.OK);
        var kbPaths = kbApi.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/api/kb/articles", kbPaths);
        Assert.Contains("/api/kb/search", kbPaths);
        Assert.Contains("/api/kb/answers", kbPaths);
        Assert.Contains("/api/kb/diagnose", kbPaths);

        var analyticsApi = await (await client.GetAsync("/openapi/analytics.json")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, analyticsApi.GetProperty("paths").ValueKind);
    }

    [Fact]
    public async Task The_gateway_is_ready()
    {
        using var client = topology.Client();

        var health = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Healthy", health.Text("status"));
        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("ticket").Text("status"));
        Assert.Equal("Healthy", checks.GetProperty("routing").Text("status"));
    }
}
