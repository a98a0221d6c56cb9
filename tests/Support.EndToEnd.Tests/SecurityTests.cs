using System.Net;
using System.Net.Http.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>Tokens from Identity through the gateway, checked twice, and limits per client.</summary>
[Collection(TopologyCollection.Name)]
public sealed class SecurityTests(Topology topology)
{
    [Fact]
    public async Task Without_a_valid_token_the_gateway_refuses_and_so_does_a_service_reached_around_it()
    {
        using var anonymous = topology.Client(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tickets")).StatusCode);
        using var forged = topology.Client("eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/.well-known/openid-configuration")).StatusCode);

        using var aroundTheGateway = new HttpClient { BaseAddress = topology.TicketUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await aroundTheGateway.GetAsync("/api/tickets")).StatusCode);
        aroundTheGateway.DefaultRequestHeaders.Add("X-Actor", "agent:1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await aroundTheGateway.GetAsync("/api/tickets")).StatusCode);
        using var withToken = topology.Client();
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task A_customer_signs_in_and_sees_only_their_own_tickets()
    {
        var email = $"cy-{Guid.NewGuid():N}@example.com";
        using var newcomer = await CustomerAsync(email);

        var created = await (await newcomer.PostAsJsonAsync("/api/tickets", new { subject = "My order", description = "Where is it?" }))
            .JsonAsync(HttpStatusCode.Created);
        var requesterId = created.GetProperty("requesterId").GetInt32();
        // Their first ticket made their customer record; Identity links their user to it (CustomerCreated), and the
        // next token names it.
        await Eventually.ReadUntilAsync(async () => await (await newcomer.GetAsync("/api/identity/me")).JsonAsync(HttpStatusCode.OK),
            me => me.TryGetProperty("customerId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number && id.GetInt32() == requesterId,
            TimeSpan.FromSeconds(30), "the user linked to their customer record");
        using var customer = topology.Client(await Tokens.PasswordAsync(topology.GatewayUrl, email, Password));
        var other = await (await topology.Client().PostAsJsonAsync("/api/tickets", new
        {
            subject = "Someone else's", description = "Private.", requester = new { email = $"dee-{Guid.NewGuid():N}@example.com", name = "Dee" },
        })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/api/customers/{requesterId}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/tickets/{other.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(
            $"/api/customers/{other.GetProperty("requesterId").GetInt32()}/tickets/{other.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/analytics/summary")).StatusCode);
    }

    [Fact]
    public async Task A_customer_who_wrote_in_before_having_an_account_is_linked_to_their_record_and_sees_its_tickets()
    {
        var email = $"earlier-{Guid.NewGuid():N}@example.com";
        var earlier = await (await topology.Client().PostAsJsonAsync("/api/tickets", new
        {
            subject = "Written before signing up", description = "By email.", requester = new { email, name = "Ed Earlier" },
        })).JsonAsync(HttpStatusCode.Created);
        var customerId = earlier.GetProperty("requesterId").GetInt32();

        using var newcomer = await CustomerAsync(email);
        await Eventually.ReadUntilAsync(async () => await (await newcomer.GetAsync("/api/identity/me")).JsonAsync(HttpStatusCode.OK),
            me => me.TryGetProperty("customerId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number && id.GetInt32() == customerId,
            TimeSpan.FromSeconds(30), $"the new user linked to the existing customer record {customerId}");
        using var customer = topology.Client(await Tokens.PasswordAsync(topology.GatewayUrl, email, Password));
        var tickets = await (await customer.GetAsync($"/api/customers/{customerId}/tickets")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([earlier.GetProperty("id").GetInt32()], tickets.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task One_clients_flood_gets_429_with_Retry_After_and_does_not_limit_another_client()
    {
        using var flooder = await CustomerAsync($"flood-{Guid.NewGuid():N}@example.com");

        var answers = new System.Collections.Concurrent.ConcurrentBag<HttpResponseMessage>();
        for (var batch = 0; batch < 3 && answers.All(a => a.StatusCode != HttpStatusCode.TooManyRequests); batch++)
            await Parallel.ForEachAsync(Enumerable.Range(0, 150), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (_, cancel) => answers.Add(await flooder.GetAsync("/api/kb/search?q=order", cancel)));
        var other = await topology.Client().GetAsync("/api/kb/search?q=order");

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.Equal("100", Header(a, "RateLimit-Limit")));
        Assert.Contains(answers, a => Header(a, "RateLimit-Remaining") == "0");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("2000", Header(other, "RateLimit-Limit"));
    }

    private const string Password = "customer password 1";

    /// <summary>A customer user the first admin makes, signed in through the gateway.</summary>
    private async Task<HttpClient> CustomerAsync(string email)
    {
        using var admin = topology.AdminClient();
        await (await admin.PostAsJsonAsync("/api/identity/users", new { email, password = Password, name = "Cy Customer", role = "customer" }))
            .JsonAsync(HttpStatusCode.Created);
        return topology.Client(await Tokens.PasswordAsync(topology.GatewayUrl, email, Password));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
