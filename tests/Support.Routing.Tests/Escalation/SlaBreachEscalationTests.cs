using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Support.Contracts.Automation;
using Support.Contracts.Routing;
using Support.Routing.Groups;
using Support.Routing.Tests.Infrastructure;
using Support.Routing.Tickets;

namespace Support.Routing.Tests.Escalation;

/// <summary>
/// Automation's SlaBreached escalates the ticket when its group says so (escalateOnSlaBreach), as every escalation goes:
/// to the group's target, announced with TicketEscalated (trigger sla_breach); once per breach, and only while the
/// ticket is unsolved in the group it breached in.
/// </summary>
public sealed class SlaBreachEscalationTests(RoutingAppFixture fixture) : IClassFixture<RoutingAppFixture>
{
    private readonly RoutingApp app = fixture.App;
    private readonly HttpClient client = fixture.App.Client();

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_breach_in_a_group_that_escalates_on_it_moves_the_ticket_up_once_and_frees_its_agent()
    {
        var (tier1, tier2) = await TiersAsync(escalateOnSlaBreach: true);
        var expert = await client.CreateAgentAsync("Expert", [tier2.Id]);
        var agent = await client.CreateAgentAsync("Ann", [tier1.Id]);
        var ticket = await RoutedTicketAsync(agent.Id);

        var messageId = NewId.NextGuid();
        var breach = Breach(ticket, tier1.Id, "first_reply_time");
        await app.PublishAsync(breach, messageId);
        await app.PublishAsync(breach, messageId); // a relay that published it twice

        var escalated = Assert.Single(await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == ticket));
        Assert.Equal((tier1.Id, tier2.Id, "sla_breach", "system", "routing"),
            (escalated.FromGroupId, escalated.ToGroupId, escalated.Trigger, escalated.Actor.Type, escalated.Actor.Id));
        Assert.Equal($"first_reply_time SLA target breached (due 2026-11-23 10:00 UTC) in {tier1.Name}", escalated.Reason);
        await WaitUntilHandledAsync(messageId);
        var state = (await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json))!;
        Assert.Equal((RoutingState.Assigned, tier2.Id, expert.Id, 1), (state.State, state.GroupId!.Value, state.AgentId!.Value, state.Escalations));
        Assert.Empty((await client.GetAgentAsync(agent.Id)).Tickets!);

        // Another target's breach, later: the ticket is no longer in the group it breached in (tier 2 escalates nowhere anyway).
        await PublishAndWaitAsync(Breach(ticket, tier1.Id, "resolution_time"));
        Assert.Single(app.Events.All<TicketEscalated>(e => e.TicketId == ticket));
    }

    [Fact]
    public async Task A_breach_escalates_a_ticket_waiting_unassigned_in_the_queue_too()
    {
        var (tier1, tier2) = await TiersAsync(escalateOnSlaBreach: true);
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket && q.GroupId == tier1.Id);

        await app.PublishAsync(Breach(ticket, groupId: null, "first_reply_time")); // Automation did not know the group

        var escalated = Assert.Single(await app.Events.WaitForAsync<TicketEscalated>(e => e.TicketId == ticket));
        Assert.Equal((tier1.Id, tier2.Id, "sla_breach"), (escalated.FromGroupId, escalated.ToGroupId, escalated.Trigger));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket && q.GroupId == tier2.Id);
    }

    [Fact]
    public async Task A_breach_does_not_escalate_when_the_group_does_not_say_so_or_the_ticket_is_solved()
    {
        var (tier1, _) = await TiersAsync(escalateOnSlaBreach: false);
        var waiting = Api.NewTicketId();
        await app.PublishAsync(Api.Created(waiting));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == waiting && q.GroupId == tier1.Id);
        await PublishAndWaitAsync(Breach(waiting, tier1.Id, "first_reply_time"));

        var (onBreach, _) = await TiersAsync(escalateOnSlaBreach: true);
        var solved = Api.NewTicketId();
        await app.PublishAsync(Api.Created(solved));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == solved && q.GroupId == onBreach.Id);
        await app.PublishAsync(Api.Solved(solved, null));
        await WaitForStateAsync(solved, RoutingState.Resolved);
        await PublishAndWaitAsync(Breach(solved, onBreach.Id, "resolution_time"));
        await PublishAndWaitAsync(Breach(Api.NewTicketId(), onBreach.Id, "first_reply_time")); // a ticket Routing never saw

        await Task.Delay(500);
        Assert.Empty(app.Events.All<TicketEscalated>(e => e.TicketId == waiting || e.TicketId == solved));
    }

    [Fact]
    public async Task The_setting_is_read_written_and_validated_like_the_other_escalation_settings()
    {
        var (tier1, tier2) = await TiersAsync(escalateOnSlaBreach: true);
        Assert.True(tier1.EscalateOnSlaBreach);
        Assert.False(tier2.EscalateOnSlaBreach);

        var (_, etag) = await client.GetWithETagAsync<GroupResponse>($"/api/groups/{tier1.Id}");
        var off = await client.PatchJsonAsync($"/api/groups/{tier1.Id}", new { escalateOnSlaBreach = false }, etag);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.ReadAsync<GroupResponse>()).EscalateOnSlaBreach);
        var on = await client.PatchJsonAsync($"/api/groups/{tier1.Id}", new { escalateOnSlaBreach = true });
        Assert.True((await on.ReadAsync<GroupResponse>()).EscalateOnSlaBreach);
        Assert.True((await client.GetFromJsonAsync<GroupResponse>($"/api/groups/{tier1.Id}", RoutingApp.Json))!.EscalateOnSlaBreach);

        var (before, beforeTag) = await client.GetWithETagAsync<GroupResponse>($"/api/groups/{tier1.Id}");
        await AssertInvalidAsync(await client.PatchJsonAsync($"/api/groups/{tier1.Id}", new { escalatesTo = (int?)null }), "escalateOnSlaBreach");
        await AssertInvalidAsync(await client.SendJsonAsync(HttpMethod.Patch, $"/api/groups/{tier1.Id}", """{"escalateOnSlaBreach":"yes"}"""), "escalateOnSlaBreach");
        await AssertInvalidAsync(await client.SendJsonAsync(HttpMethod.Patch, $"/api/groups/{tier1.Id}", """{"escalateOnSlaBreach":null}"""), "escalateOnSlaBreach");
        Assert.Equal((before, beforeTag), await client.GetWithETagAsync<GroupResponse>($"/api/groups/{tier1.Id}"));

        var groups = await app.CountAsync("groups");
        await AssertInvalidAsync(await client.PostAsJsonAsync("/api/groups", new { name = Unique("Lone"), policy = "round_robin", escalateOnSlaBreach = true }), "escalateOnSlaBreach");
        await AssertInvalidAsync(await client.SendJsonAsync(HttpMethod.Post, "/api/groups", $$"""{"name":"{{Unique("Lone")}}","policy":"round_robin","escalateOnSlaBreach":1}"""), "escalateOnSlaBreach");
        Assert.Equal(groups, await app.CountAsync("groups"));
    }

    /// <summary>A tier-2 group, and a new default tier-1 group escalating to it.</summary>
    private async Task<(GroupResponse Tier1, GroupResponse Tier2)> TiersAsync(bool escalateOnSlaBreach)
    {
        var tier2 = await client.CreateGroupAsync(Unique("Advanced"), tier: 2);
        var response = await client.PostAsJsonAsync("/api/groups", new
        {
            name = Unique("Front line"), tier = 1, policy = "round_robin", escalatesTo = tier2.Id, isDefault = true, escalateOnSlaBreach,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<GroupResponse>(), tier2);
    }

    private async Task<int> RoutedTicketAsync(int agentId)
    {
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket && r.AgentId == agentId);
        return ticket;
    }

    private static SlaBreached Breach(int ticketId, int? groupId, string metric) =>
        new(ticketId, 1, metric, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), groupId, "normal", DateTimeOffset.UtcNow);

    private async Task PublishAndWaitAsync(SlaBreached breach)
    {
        var messageId = NewId.NextGuid();
        await app.PublishAsync(breach, messageId);
        await WaitUntilHandledAsync(messageId);
    }

    /// <summary>Waits until the service's inbox holds the message: it was consumed, whatever it changed.</summary>
    private async Task WaitUntilHandledAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}' AND \"Consumer\" = 'SlaBreachedConsumer'") < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} was not handled within 30 s.");
            await Task.Delay(100);
        }
    }

    private async Task WaitForStateAsync(int ticket, RoutingState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json))!.State != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Ticket {ticket} did not become {state} within 30 s.");
            await Task.Delay(100);
        }
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }
}
