using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// Routing across services, through the gateway: the Routing service takes the Ticket service's TicketCreated,
/// routes the ticket, and the Ticket service applies its TicketRouted. A topology of its own, because the group
/// this test creates would route every other test's tickets.
/// </summary>
[Collection(RoutingTopologyCollection.Name)]
public sealed class RoutingTests(Topology topology)
{
    private static readonly TimeSpan AssignmentTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_ticket_is_assigned_to_the_online_agent_of_the_default_group()
    {
        using var client = topology.Client();
        var group = await (await client.PostAsJsonAsync("/api/groups",
            new { name = "Front line", tier = 1, policy = "round_robin", isDefault = true })).JsonAsync(HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetInt32();
        var agent = await (await client.PostAsJsonAsync("/api/agents",
            new { name = "Ada Agent", email = "ada@example.com", groups = new[] { groupId }, capacity = 5, status = "online" })).JsonAsync(HttpStatusCode.Created);
        var agentId = agent.GetProperty("id").GetInt32();
        var groups = await (await client.GetAsync("/api/groups")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(groups.EnumerateArray(), g => g.GetProperty("id").GetInt32() == groupId && g.GetProperty("agents").GetInt32() == 1);

        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Cannot log in",
            description = "The login page says my password is wrong.",
            requester = new { email = "ann@example.com", name = "Ann Example" },
        });
        var ticketId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var ticket = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK),
            t => t.GetProperty("assigneeId").ValueKind == JsonValueKind.Number,
            AssignmentTimeout,
            $"ticket {ticketId} to be assigned to agent {agentId} (TicketCreated → Routing → TicketRouted → Ticket)",
            async () => $"Routing's view of the ticket: {await (await client.GetAsync($"/api/routing/tickets/{ticketId}")).Content.ReadAsStringAsync()}");
        Assert.Equal(agentId, ticket.GetProperty("assigneeId").GetInt32());
        Assert.Equal(groupId, ticket.GetProperty("groupId").GetInt32());
        Assert.Equal("open", ticket.Text("status"));

        var routing = await (await client.GetAsync($"/api/routing/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("assigned", routing.Text("state"));
        Assert.Equal("round_robin", routing.Text("policy"));
        var held = await (await client.GetAsync($"/api/agents/{agentId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, held.GetProperty("load").GetInt32());
    }
}
