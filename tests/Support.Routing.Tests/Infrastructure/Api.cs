using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Support.Contracts;
using Support.Contracts.Tickets;
using Support.Routing.Agents;
using Support.Routing.Groups;

namespace Support.Routing.Tests.Infrastructure;

/// <summary>Short-hands for the calls most tests make.</summary>
public static class Api
{
    private static int nextTicketId = 1000;

    public static int NewTicketId() => Interlocked.Increment(ref nextTicketId);

    public static async Task<GroupResponse> CreateGroupAsync(this HttpClient client, string name, string policy = "round_robin", int tier = 1,
        int? escalatesTo = null, bool? isDefault = null, int? unassignedMinutes = null, int? unansweredMinutes = null, bool? escalateUrgent = null)
    {
        var response = await client.PostAsJsonAsync("/api/groups", new
        {
            name, tier, policy, escalatesTo, isDefault,
            escalateUnassignedAfterMinutes = unassignedMinutes, escalateUnansweredAfterMinutes = unansweredMinutes, escalateUrgent,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<GroupResponse>();
    }

    public static async Task<AgentResponse> CreateAgentAsync(this HttpClient client, string name, int[] groups, int capacity = 5,
        string status = "online", Dictionary<string, int>? skills = null)
    {
        var response = await client.PostAsJsonAsync("/api/agents", new
        {
            name, email = $"{name.ToLowerInvariant().Replace(' ', '.')}-{Guid.NewGuid():N}@example.com", groups, skills, capacity, status,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<AgentResponse>();
    }

    public static async Task SetStatusAsync(this HttpClient client, int agentId, string status)
    {
        var response = await client.PutAsJsonAsync($"/api/agents/{agentId}/status", new { status });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<AgentResponse> GetAgentAsync(this HttpClient client, int agentId) =>
        (await client.GetFromJsonAsync<AgentResponse>($"/api/agents/{agentId}", RoutingApp.Json))!;

    /// <summary>A TicketCreated as the Ticket service publishes it.</summary>
    public static TicketCreated Created(int ticketId, string subject = "Cannot log in", string description = "The login page rejects my password.",
        string priority = "normal", bool priorityGiven = true, DateTimeOffset? at = null) =>
        new(ticketId, subject, description, "new", priority, priorityGiven, null, "web", 1, "ann@example.com", "Ann", null, [],
            new Actor("customer", "1"), at ?? DateTimeOffset.UtcNow);

    public static TicketSolved Solved(int ticketId, int? agentId) =>
        new(ticketId, agentId, null, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new Actor("agent", agentId?.ToString()));

    /// <summary>A body sent as it is (malformed JSON, wrong types), with If-Match when given.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>A merge patch of exactly the fields given (a null clears), with If-Match when given.</summary>
    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object patch, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, url, JsonSerializer.Serialize(patch, RoutingApp.Json), ifMatch);

    /// <summary>A resource and its ETag.</summary>
    public static async Task<(T Body, string ETag)> GetWithETagAsync<T>(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<T>(), response.Headers.ETag?.Tag ?? "");
    }

    /// <summary>The row count of every table the API writes, to show a refused request wrote nothing.</summary>
    public static async Task<string> RowCountsAsync(this RoutingApp app)
    {
        var counts = new List<string>();
        foreach (var table in new[] { "groups", "agents", "tickets", "category_routes", "classifier_examples", "classifier_models", "outbox_messages" })
            counts.Add($"{table}={await app.CountAsync(table)}");
        return string.Join(" ", counts);
    }
}

/// <summary>One Routing service shared by the tests of a class, which xunit runs one at a time.</summary>
public sealed class RoutingAppFixture : IAsyncLifetime
{
    public RoutingApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await RoutingApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
