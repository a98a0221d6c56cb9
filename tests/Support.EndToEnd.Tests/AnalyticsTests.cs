using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// Analytics across services, through the gateway: a ticket's life in the Ticket service becomes its metrics in the
/// Analytics service (every event over RabbitMQ), and a customer marked churned shows in the churn report.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class AnalyticsTests(Topology topology)
{
    [Fact]
    public async Task A_ticket_answered_solved_and_rated_through_the_gateway_gets_its_metrics()
    {
        using var client = topology.Client();
        var created = await (await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Refund for a double charge",
            description = "I was charged twice for my order, very disappointed.",
            channel = "chat",
            requester = new { email = "ada.analytics@example.com", name = "Ada" },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var reply = await client.PostAsJsonAsync($"/api/tickets/{id}/comments",
            new { body = "I have refunded the second charge.", @public = true, author = new { type = "agent", id = "9" } });
        await reply.JsonAsync(HttpStatusCode.Created);
        var solved = await (await client.PatchAsync($"/api/tickets/{id}", new { status = "solved" }, ifMatch: reply.ETag())).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/tickets/{id}/satisfaction", new { score = "good" })).JsonAsync(HttpStatusCode.OK);

        var metrics = (await Eventually.ReadUntilAsync(
            () => AnyJsonAsync(client, $"/api/analytics/tickets/{id}"),
            // Each event type is recorded by its own consumer, so the reply, the solve and the rating may land in any order.
            m => m.TryGetProperty("metrics", out var t) && t.Text("satisfaction") == "good" && t.Text("status") == "solved"
                && t.GetProperty("agentReplies").GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            $"the analytics of ticket {id} to show it answered, solved and rated")).GetProperty("metrics");

        var ticketCreatedAt = created.GetProperty("createdAt").GetDateTimeOffset();
        var firstReplyAt = solved.GetProperty("firstReplyAt").GetDateTimeOffset();
        var solvedAt = solved.GetProperty("solvedAt").GetDateTimeOffset();
        Assert.Equal(("solved", "chat", 1, true), (metrics.Text("status"), metrics.Text("channel"), metrics.GetProperty("agentReplies").GetInt32(), metrics.GetProperty("oneTouch").GetBoolean()));
        Assert.Equal(Math.Round((firstReplyAt - ticketCreatedAt).TotalMinutes, 2), metrics.GetProperty("firstReplyMinutes").GetDouble());
        Assert.Equal(Math.Round((solvedAt - ticketCreatedAt).TotalMinutes, 2), metrics.GetProperty("fullResolutionMinutes").GetDouble());
        Assert.True(metrics.GetProperty("sentiment").GetDouble() < 0, "the description is a complaint");

        var from = Uri.EscapeDataString(ticketCreatedAt.AddSeconds(-1).ToString("O"));
        var to = Uri.EscapeDataString(solvedAt.AddSeconds(1).ToString("O"));
        var summary = await (await client.GetAsync($"/api/analytics/summary?from={from}&to={to}&groupBy=channel")).JsonAsync(HttpStatusCode.OK);
        var chat = summary.GetProperty("groups").EnumerateArray().Single(g => g.Text("key") == "chat").GetProperty("figures");
        Assert.True(chat.GetProperty("created").GetInt32() >= 1 && chat.GetProperty("solved").GetInt32() >= 1, chat.ToString());

        var csv = await client.GetAsync($"/api/analytics/summary?from={from}&to={to}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("From,To,Group,Created,Solved", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_customer_marked_churned_in_the_ticket_service_counts_in_the_churn_report()
    {
        using var client = topology.Client();
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = "churn.e2e@example.com", name = "Chu", value = 99.5 }))
            .JsonAsync(HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetInt32();
        await Eventually.ReadUntilAsync(
            () => AnyJsonAsync(client, $"/api/analytics/customers/{id}"), c => c.TryGetProperty("customerId", out _),
            TimeSpan.FromSeconds(30), $"customer {id} in analytics");
        var start = DateTimeOffset.UtcNow;
        var read = await client.GetAsync($"/api/customers/{id}");
        var churned = await (await client.PatchAsync($"/api/customers/{id}", new { status = "churned" }, ifMatch: read.ETag())).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("churned", churned.Text("status"));

        var analytics = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/analytics/customers/{id}")).JsonAsync(HttpStatusCode.OK),
            c => c.Text("status") == "churned", TimeSpan.FromSeconds(30), $"customer {id} churned in analytics");
        Assert.Equal(99.5m, analytics.GetProperty("value").GetDecimal());
        var report = await (await client.GetAsync(
            $"/api/analytics/customers?from={Uri.EscapeDataString(start.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"))}"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.True(report.GetProperty("churned").GetInt32() >= 1, report.ToString());
    }

    /// <summary>The body of a response of any status (a 404's problem details until the events arrive).</summary>
    private static async Task<JsonElement> AnyJsonAsync(HttpClient client, string path) =>
        JsonDocument.Parse(await (await client.GetAsync(path)).Content.ReadAsStringAsync()).RootElement.Clone();
}
