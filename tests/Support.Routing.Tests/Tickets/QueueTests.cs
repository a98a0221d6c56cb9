using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Support.Contracts;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Routing.Tests.Infrastructure;
using Support.Routing.Tickets;

namespace Support.Routing.Tests.Tickets;

/// <summary>The waiting queue: its order, and draining the moment capacity appears; people's assignments; redelivery.</summary>
public sealed class QueueTests : IAsyncLifetime
{
    private RoutingApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await RoutingApp.StartAsync();
        client = app.Client();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_queue_orders_by_priority_then_age_and_drains_in_that_order_as_capacity_appears()
    {
        var group = await client.CreateGroupAsync("Support", "least_loaded");
        var agent = await client.CreateAgentAsync("Ann", [group.Id], capacity: 1, status: "offline");
        var (low, urgent, normal, urgent2) = (Api.NewTicketId(), Api.NewTicketId(), Api.NewTicketId(), Api.NewTicketId());
        foreach (var (id, priority) in new[] { (low, "low"), (urgent, "urgent"), (normal, "normal"), (urgent2, "urgent") })
        {
            await app.PublishAsync(Api.Created(id, priority: priority));
            await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == id);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal([1, 1, 2, 2], new[] { low, urgent, normal, urgent2 }.Select(id => app.Events.All<TicketQueued>(q => q.TicketId == id).Single().Position));

        var queue = await client.GetFromJsonAsync<QueueResponse>("/api/routing/queue", RoutingApp.Json);
        Assert.Equal(4, queue!.Total);
        Assert.Equal([urgent, urgent2, normal, low], queue.Items.Select(i => i.TicketId));
        Assert.Equal([1, 2, 3, 4], queue.Items.Select(i => i.Position));
        Assert.Equal([180.0, 60.0, 120.0, 240.0], queue.Items.Select(i => i.WaitSeconds));

        await client.SetStatusAsync(agent.Id, "online"); // an agent comes online
        Assert.Equal(agent.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == urgent && r.AgentId != null)).Single().AgentId);
        await app.PublishAsync(Api.Solved(urgent, agent.Id)); // a ticket is solved
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == urgent2 && r.AgentId != null);
        // Capacity is raised one at a time: two tickets drained in one decision publish their events in no fixed order.
        var raise = await client.PatchAsJsonAsync($"/api/agents/{agent.Id}", new { capacity = 2 });
        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == normal && r.AgentId != null);
        Assert.Empty(app.Events.All<TicketRouted>(r => r.TicketId == low && r.AgentId != null));
        raise = await client.PatchAsJsonAsync($"/api/agents/{agent.Id}", new { capacity = 3 });
        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == low && r.AgentId != null);

        var assignedInOrder = app.Events.All<TicketRouted>(r => r.AgentId != null).Select(r => r.TicketId).ToList();
        Assert.Equal([urgent, urgent2, normal, low], assignedInOrder);
        Assert.Equal(0, (await client.GetFromJsonAsync<QueueResponse>("/api/routing/queue", RoutingApp.Json))!.Total);
        var held = await client.GetAgentAsync(agent.Id);
        Assert.Equal(3, held.Load);
        Assert.Equal(new[] { urgent2, normal, low }.Order(), held.Tickets!.Select(t => t.TicketId).Order());
    }

    [Fact]
    public async Task A_persons_assignment_is_respected_and_counted_and_unassigning_routes_the_ticket_again()
    {
        var group = await client.CreateGroupAsync("Support", "least_loaded");
        var ann = await client.CreateAgentAsync("Ann", [group.Id], capacity: 1);
        var bob = await client.CreateAgentAsync("Bob", [group.Id], capacity: 1, status: "offline");
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket && r.AgentId == ann.Id);

        // A person moves it to Bob (offline, but people may): Ann's capacity frees; Bob now holds one ticket.
        await app.PublishAsync(Assigned(ticket, bob.Id, ann.Id, group.Id));
        await WaitUntilAsync(async () => (await client.GetAgentAsync(bob.Id)).Load == 1);
        Assert.Equal(0, (await client.GetAgentAsync(ann.Id)).Load);
        var second = Api.NewTicketId();
        await app.PublishAsync(Api.Created(second));
        Assert.Equal(ann.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == second)).Single().AgentId);

        // Unassigned by a person: back to routing, and it waits, as Ann is full and Bob offline.
        await app.PublishAsync(Assigned(ticket, null, bob.Id, group.Id));
        var queued = await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket);
        Assert.Equal((group.Id, 1), (queued.Single().GroupId, queued.Single().Position));
        Assert.Equal(0, (await client.GetAgentAsync(bob.Id)).Load);
    }

    [Fact]
    public async Task A_reopened_ticket_goes_back_to_the_agent_who_solved_it()
    {
        var group = await client.CreateGroupAsync("Support", "round_robin");
        var ann = await client.CreateAgentAsync("Ann", [group.Id]);
        await client.CreateAgentAsync("Bob", [group.Id]);
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        Assert.Equal(ann.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket)).Single().AgentId);
        await app.PublishAsync(Api.Solved(ticket, ann.Id));
        await WaitUntilAsync(async () => (await client.GetAgentAsync(ann.Id)).Load == 0);

        await app.PublishAsync(new TicketReopened(ticket, 1, ann.Id, group.Id, "high", new Actor("customer", "1"), DateTimeOffset.UtcNow));
        var rerouted = (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket, count: 2)).Last();
        Assert.Equal(ann.Id, rerouted.AgentId); // round robin's turn was Bob's
        Assert.Contains("reopened", rerouted.Reason);
    }

    [Fact]
    public async Task A_redelivered_TicketCreated_routes_the_ticket_once()
    {
        var group = await client.CreateGroupAsync("Support");
        var agent = await client.CreateAgentAsync("Ann", [group.Id]);
        var ticket = Api.NewTicketId();
        var messageId = NewId.NextGuid();
        await app.PublishAsync(Api.Created(ticket), messageId);
        await app.PublishAsync(Api.Created(ticket), messageId);
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket);
        await Task.Delay(1000);

        Assert.Single(app.Events.All<TicketRouted>(r => r.TicketId == ticket));
        Assert.Equal(1, (await client.GetAgentAsync(agent.Id)).Load);
        Assert.Equal(1, await app.CountAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
    }

    private static TicketAssigned Assigned(int ticket, int? agent, int? previous, int group) =>
        new(ticket, agent, previous, group, group, "normal", new Actor("agent", "99"), DateTimeOffset.UtcNow);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The condition did not hold within {timeoutSeconds} s.");
            await Task.Delay(50);
        }
    }
}
