using Support.Contracts;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Routing.Tests.Infrastructure;

namespace Support.Routing.Tests.Assignment;

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

    [Fact]
    public async Task Round_robin_hands_tickets_to_eligible_agents_in_turn()
    {
        var group = await client.CreateGroupAsync("Front line", "round_robin");
        var ann = await client.CreateAgentAsync("Ann", [group.Id]);
        var bob = await client.CreateAgentAsync("Bob", [group.Id]);
        var away = await client.CreateAgentAsync("Cy", [group.Id], status: "away");

        var agents = new List<int?>();
        foreach (var id in Enumerable.Range(0, 4).Select(_ => Api.NewTicketId()))
        {
            await app.PublishAsync(Api.Created(id));
            agents.Add((await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == id)).Single().AgentId);
        }
        Assert.Equal([ann.Id, bob.Id, ann.Id, bob.Id], agents);
        Assert.DoesNotContain(away.Id, agents);
    }

    [Fact]
    public async Task Least_loaded_picks_the_most_spare_capacity_then_whoever_waited_longest()
    {
        var group = await client.CreateGroupAsync("Team", "least_loaded");
        var small = await client.CreateAgentAsync("Small", [group.Id], capacity: 2);
        var large = await client.CreateAgentAsync("Large", [group.Id], capacity: 4);

        var agents = new List<int?>();
        foreach (var id in Enumerable.Range(0, 4).Select(_ => Api.NewTicketId()))
        {
            await app.PublishAsync(Api.Created(id));
            agents.Add((await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == id)).Single().AgentId);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        // Spare 2/4 → Large; 2/3 → Large; 2/2 tie → Small (never assigned: waited longest); 1/2 → Large.
        Assert.Equal([large.Id, large.Id, small.Id, large.Id], agents);
    }

    [Fact]
    public async Task Skills_based_sends_a_Chinese_ticket_to_an_agent_with_the_zh_CN_skill()
    {
        var group = await client.CreateGroupAsync("Specialists", "skills_based");
        var english = await client.CreateAgentAsync("Gen", [group.Id], capacity: 10);
        var chinese = await client.CreateAgentAsync("Li", [group.Id], capacity: 2, skills: new() { ["zh-CN"] = 4 });

        var zh = Api.NewTicketId();
        await app.PublishAsync(Api.Created(zh, "发票重复扣款", "这个月我的信用卡被扣了两次费用，请帮忙退款。"));
        var routed = (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == zh)).Single();
        Assert.Equal((chinese.Id, "skills_based"), (routed.AgentId!.Value, routed.Policy));

        var en = Api.NewTicketId();
        await app.PublishAsync(Api.Created(en, "Invoice charged twice", "My card was charged twice this month."));
        Assert.Equal(english.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == en)).Single().AgentId);
    }
}
