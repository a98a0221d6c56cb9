using Support.Contracts.Routing;
using Support.Routing.Tests.Infrastructure;

namespace Support.Routing.Tests;

/// <summary>Each routing policy, driven by TicketCreated events on the real RabbitMQ and PostgreSQL.</summary>
public sealed class PolicyTests : IAsyncLifetime
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
    public async Task A_fresh_install_with_one_group_and_one_online_agent_routes_every_ticket_to_that_agent()
    {
        var group = await client.CreateGroupAsync("Support");
        var agent = await client.CreateAgentAsync("Ann", [group.Id], capacity: 10);
        var tickets = Enumerable.Range(0, 3).Select(_ => Api.NewTicketId()).ToList();
        foreach (var id in tickets)
            await app.PublishAsync(Api.Created(id));

        var routed = await app.Events.WaitForAsync<TicketRouted>(r => tickets.Contains(r.TicketId), count: 3);
        Assert.All(routed, r => Assert.Equal((agent.Id, group.Id, "round_robin"), (r.AgentId!.Value, r.GroupId!.Value, r.Policy)));
        Assert.Equal(3, (await client.GetAgentAsync(agent.Id)).Load);
    }
}
