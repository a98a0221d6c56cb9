using System.Net;
using System.Net.Http.Json;
using Support.Hosting.Idempotency;
using Support.Routing.Agents;
using Support.Routing.Tests.Infrastructure;

namespace Support.Routing.Tests.Idempotency;

/// <summary>Idempotency-Key on Routing's creates, with two instances of the service sharing one database.</summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private RoutingApp app = null!;

    public async Task InitializeAsync() => app = await RoutingApp.StartAsync(instances: 2, listen: false);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Duplicates_sent_to_two_instances_at_once_create_one_agent_and_repeats_get_its_answer()
    {
        var clients = new[] { app.Instance(0).Client(), app.Instance(1).Client() };
        var email = $"kim-{Guid.NewGuid():N}@example.com";
        var body = new { name = "Kim Agent", email, capacity = 3 };
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PostAsync(clients[i % 2], "/api/agents", body, key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(1, await app.CountAsync($"agents WHERE \"Email\" = '{email}'"));
        var first = responses.First(r => r.StatusCode == HttpStatusCode.Created);
        var agentId = (await first.ReadAsync<AgentResponse>()).Id;
        foreach (var client in clients)
        {
            var repeat = await PostAsync(client, "/api/agents", body, key);
            Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
            Assert.Equal(first.Headers.Location, repeat.Headers.Location);
            Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
            Assert.Equal(agentId, (await repeat.ReadAsync<AgentResponse>()).Id);
        }

        var other = await PostAsync(clients[1], "/api/agents", new { name = "Kim Agent", email = $"x{email}", capacity = 3 }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal([IdempotencyMiddleware.HeaderName], await other.ProblemFieldsAsync());
        Assert.Equal(0, await app.CountAsync($"agents WHERE \"Email\" = 'x{email}'"));
    }
}
