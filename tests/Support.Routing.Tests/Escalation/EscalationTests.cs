using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Routing.Tests.Infrastructure;
using Support.Routing.Tickets;

namespace Support.Routing.Tests.Escalation;

/// <summary>Escalation to a higher tier, at exactly the configured time on a clock the test moves, once.</summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private RoutingApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await RoutingApp.StartAsync(instances: 2);
        client = app.Client();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_ticket_not_assigned_within_N_minutes_escalates_once_at_that_time()
    {
        var tier2 = await client.CreateGroupAsync("Advanced", tier: 2);
        var expert = await client.CreateAgentAsync("Expert", [tier2.Id]);
        var tier1 = await client.CreateGroupAsync("Front line", tier: 1, escalatesTo: tier2.Id, isDefault: true, unassignedMinutes: 30);
        await client.CreateAgentAsync("Busy", [tier1.Id], status: "away");
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket);

        app.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await app.ScanEscalationsAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.ScanEscalationsAsync());
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.ScanEscalationsAsync());

        var escalated = Assert.Single(await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == ticket));
        Assert.Equal((tier1.Id, tier2.Id, "unassigned"), (escalated.FromGroupId, escalated.ToGroupId, escalated.Trigger));
        Assert.Contains("not assigned within 30 minutes in Front line", escalated.Reason);
        var routed = await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket && r.AgentId != null);
        Assert.Equal((expert.Id, tier2.Id), (routed.Single().AgentId!.Value, routed.Single().GroupId!.Value));
    }

    [Fact]
    public async Task Two_instances_scanning_at_once_escalate_each_ticket_once()
    {
        var tier2 = await client.CreateGroupAsync("Advanced", tier: 2);
        var tier1 = await client.CreateGroupAsync("Front line", tier: 1, escalatesTo: tier2.Id, isDefault: true, unassignedMinutes: 10);
        var tickets = Enumerable.Range(0, 20).Select(_ => Api.NewTicketId()).ToList();
        foreach (var id in tickets)
            await app.PublishAsync(Api.Created(id));
        await app.Events.WaitForAsync<TicketQueued>(q => tickets.Contains(q.TicketId) && q.GroupId == tier1.Id, count: tickets.Count);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var scanners = new[] { app.Instance(0), app.Instance(1) }
            .Select(i => i.Services.GetRequiredService<Support.Routing.Escalation.EscalationScanner>().ScanAsync(CancellationToken.None));
        var counts = await Task.WhenAll(scanners);

        Assert.Equal(tickets.Count, counts.Sum());
        var escalations = await app.Events.WaitForAsync<TicketEscalated>(e => tickets.Contains(e.TicketId), count: tickets.Count);
        Assert.Equal(tickets.Order(), escalations.Select(e => e.TicketId).Order());
    }

    [Fact]
    public async Task An_assigned_ticket_not_answered_within_M_minutes_escalates_and_frees_the_agent_but_an_answered_one_does_not()
    {
        var tier2 = await client.CreateGroupAsync("Advanced", tier: 2);
        var tier1 = await client.CreateGroupAsync("Front line", tier: 1, escalatesTo: tier2.Id, isDefault: true, unansweredMinutes: 60);
        var agent = await client.CreateAgentAsync("Ann", [tier1.Id]);
        var (answered, silent) = (Api.NewTicketId(), Api.NewTicketId());
        await app.PublishAsync(Api.Created(answered));
        await app.PublishAsync(Api.Created(silent));
        await app.Events.WaitForAsync<TicketRouted>(r => r.AgentId == agent.Id, count: 2);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await app.PublishAsync(new TicketCommentAdded(answered, 1, "Looking into it.", true, new Actor("agent", agent.Id.ToString()), true, app.Clock.GetUtcNow()));
        await WaitForAnswerAsync(answered);
        Assert.Equal(0, await app.ScanEscalationsAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.ScanEscalationsAsync());

        var escalated = Assert.Single(await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == silent));
        Assert.Equal("unanswered", escalated.Trigger);
        Assert.Empty(app.Events.All<TicketEscalated>(e => e.TicketId == answered));
        var queued = await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == silent && r.AgentId == null);
        Assert.Equal(tier2.Id, queued.Single().GroupId); // tier 2 has nobody online: it waits there, unassigned
        var held = await client.GetAgentAsync(agent.Id);
        Assert.Equal([answered], held.Tickets!.Select(t => t.TicketId));
    }

    [Fact]
    public async Task Urgent_tickets_skip_a_tier_whose_policy_says_so()
    {
        var tier2 = await client.CreateGroupAsync("Advanced", tier: 2);
        var expert = await client.CreateAgentAsync("Expert", [tier2.Id]);
        var tier1 = await client.CreateGroupAsync("Front line", tier: 1, escalatesTo: tier2.Id, isDefault: true, escalateUrgent: true);
        await client.CreateAgentAsync("Ann", [tier1.Id]);
        var (urgent, normal) = (Api.NewTicketId(), Api.NewTicketId());
        await app.PublishAsync(Api.Created(urgent, priority: "urgent"));
        await app.PublishAsync(Api.Created(normal));

        Assert.Equal(expert.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == urgent)).Single().AgentId);
        Assert.Equal("urgent", (await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == urgent)).Single().Trigger);
        Assert.NotEqual(expert.Id, (await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == normal)).Single().AgentId);
    }

    [Fact]
    public async Task An_agent_escalates_by_hand_with_a_reason()
    {
        var tier2 = await client.CreateGroupAsync("Advanced", tier: 2);
        var expert = await client.CreateAgentAsync("Expert", [tier2.Id]);
        await client.CreateGroupAsync("Front line", tier: 1, escalatesTo: tier2.Id, isDefault: true);
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/routing/tickets/{ticket}/escalate") { Content = JsonContent.Create(new { reason = "needs a database expert" }) };
        var response = await app.Client("agent:7").SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await response.ReadAsync<TicketRoutingResponse>();
        Assert.Equal((RoutingState.Assigned, tier2.Id, expert.Id, 1), (state.State, state.GroupId!.Value, state.AgentId!.Value, state.Escalations));
        var escalated = Assert.Single(await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == ticket));
        Assert.Equal(("manual", "needs a database expert", "7"), (escalated.Trigger, escalated.Reason, escalated.Actor.Id));

        var again = await client.PostAsJsonAsync($"/api/routing/tickets/{ticket}/escalate", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // tier 2 escalates nowhere
    }

    private async Task WaitForAnswerAsync(int ticket)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json))!.AnsweredAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The agent's reply was not recorded within 20 s.");
            await Task.Delay(50);
        }
    }
}
