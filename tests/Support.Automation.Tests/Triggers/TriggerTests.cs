using System.Net.Http.Json;
using Support.Automation.Rules;
using Support.Automation.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Channels;
using Support.Contracts.Tickets;
using Support.Automation.Triggers;

namespace Support.Automation.Tests.Triggers;

/// <summary>Triggers run after a ticket's change in position order, each once per change, and send one command.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class TriggerTests(DefaultAutomationApp app)
{
    private readonly HttpClient admin = app.Client("admin");

    private Task<RuleResponse> CreateAsync(string name, object conditions, object[] actions, int? position = null) =>
        admin.PostAsJsonAsync("/api/automation/triggers", new { name = $"{name} {Guid.NewGuid():N}", position, conditions, actions })
            .ReadOkAsync<RuleResponse>();

    private static object Scoped(string scope, params object[] all) => new { all = all.Prepend(new { field = "tags", @operator = "includes", value = scope }) };

    private async Task<TicketActionsRequested> CommandAsync(int ticketId) =>
        (await app.Events.WaitForAsync<TicketActionsRequested>(c => c.TicketId == ticketId)).Single();

    [Fact]
    public async Task Triggers_fire_in_position_order_and_the_actor_names_them_in_that_order()
    {
        var scope = TicketEvents.Scope();
        var second = await CreateAsync("second", Scoped(scope, new { field = "event", @operator = "is", value = "created" }),
            [new { field = "internalNote", value = "B on {{ticket.subject}}" }], position: 2);
        var first = await CreateAsync("first", Scoped(scope, new { field = "event", @operator = "is", value = "created" }),
            [new { field = "internalNote", value = "A: #{{ticket.id}} is {{ticket.status}}, {{ticket.priority}}" }, new { field = "priority", value = "high" }], position: 1);

        var ticket = await TicketEvents.CreateAsync(app, [scope], subject: "Refund");

        var command = await CommandAsync(ticket.TicketId);
        Assert.Equal([$"A: #{ticket.TicketId} is new, normal", "B on Refund"], command.Comments.Select(c => c.Body));
        Assert.All(command.Comments, c => Assert.False(c.Public));
        Assert.Equal([new FieldChange("priority", "normal", "high")], command.Changes);
        Assert.Equal(new Actor("trigger", $"{first.Id},{second.Id}"), command.Actor);
        Assert.Equal(1, await app.CountAsync($"trigger_firings WHERE \"TicketId\" = {ticket.TicketId} AND \"TriggerId\" = {first.Id}"));
        var listed = await admin.GetFromJsonAsync<RuleResponse>($"/api/automation/triggers/{first.Id}", TestJson.Options);
        Assert.Equal(1, listed!.FiredCount);
    }

    [Fact]
    public async Task A_trigger_sees_what_earlier_ones_did_in_a_later_pass_and_each_fires_once_per_change()
    {
        var scope = TicketEvents.Scope();
        // Runs first but matches only after the second one added step1: a second pass.
        var chained = await CreateAsync("chained", Scoped(scope, new { field = "tags", @operator = "includes", value = "step1" },
            new { field = "tags", @operator = "excludes", value = "step2" }), [new { field = "addTags", value = "step2" }], position: 1);
        // Its conditions still hold in the second and third pass: it still fires once.
        var start = await CreateAsync("start", Scoped(scope, new { field = "event", @operator = "is", value = "created" }),
            [new { field = "addTags", value = "step1" }, new { field = "publicReply", value = "Thanks, we got it." }], position: 2);

        var ticket = await TicketEvents.CreateAsync(app, [scope]);

        var command = await CommandAsync(ticket.TicketId);
        Assert.Equal(["step1", "step2"], command.AddTags);
        Assert.Equal([new TicketCommentRequest("Thanks, we got it.", true)], command.Comments);
        Assert.Equal(new Actor("trigger", $"{start.Id},{chained.Id}"), command.Actor);
        Assert.Equal(2, await app.CountAsync($"trigger_firings WHERE \"TicketId\" = {ticket.TicketId}"));
    }

    [Fact]
    public async Task A_chain_longer_than_the_pass_cap_stops_at_the_cap()
    {
        var scope = TicketEvents.Scope();
        var links = TriggerRunner.MaxPasses + 2;
        // Link k needs c(k-1) and adds c(k); placed last-first, each pass fires one link.
        for (var k = links; k >= 1; k--)
        {
            object needs = k == 1 ? new { field = "event", @operator = "is", value = "created" } : new { field = "tags", @operator = "includes", value = $"c{k - 1}" };
            await CreateAsync($"link {k}", Scoped(scope, needs, new { field = "tags", @operator = "excludes", value = $"c{k}" }),
                [new { field = "addTags", value = $"c{k}" }], position: 1000 - k);
        }

        var ticket = await TicketEvents.CreateAsync(app, [scope]);

        var command = await CommandAsync(ticket.TicketId);
        Assert.Equal(Enumerable.Range(1, TriggerRunner.MaxPasses).Select(k => $"c{k}"), command.AddTags);
        Assert.Equal(TriggerRunner.MaxPasses, await app.CountAsync($"trigger_firings WHERE \"TicketId\" = {ticket.TicketId}"));
    }

    [Fact]
    public async Task A_status_change_notifies_through_Channels_and_the_echo_of_a_trigger_fires_nothing()
    {
        var scope = TicketEvents.Scope();
        var notify = await CreateAsync("notify on solve", Scoped(scope, new { field = "status", @operator = "changed_to", value = "solved" }),
            [new { field = "notify", recipient = "requester", template = "ticket-solved" }]);
        var ticket = await TicketEvents.CreateAsync(app, [scope]);
        var echo = await TicketEvents.CreateAsync(app, [scope]);

        await TicketEvents.UpdateAsync(app, ticket.TicketId, new FieldChange("status", "new", "solved"));
        await TicketEvents.UpdateAsync(app, echo.TicketId, new FieldChange("status", "new", "solved"), actor: new Actor("trigger", "99"));

        var notification = (await app.Events.WaitForAsync<NotificationRequested>(n => n.TicketId == ticket.TicketId)).Single();
        Assert.Equal(("ticket-solved", "requester", new Actor("trigger", notify.Id.ToString())), (notification.Template, notification.Recipient, notification.Actor));
        Assert.Empty(app.Events.All<TicketActionsRequested>(c => c.TicketId == ticket.TicketId)); // nothing to change on the ticket
        Assert.Empty(app.Events.All<NotificationRequested>(n => n.TicketId == echo.TicketId));
        Assert.Equal(0, await app.CountAsync($"trigger_firings WHERE \"TicketId\" = {echo.TicketId}"));
    }

    [Fact]
    public async Task A_customer_reply_reopens_a_pending_ticket_once()
    {
        var scope = TicketEvents.Scope();
        await CreateAsync("reopen on reply", Scoped(scope, new { field = "comment", @operator = "is", value = "public" },
            new { field = "actor", @operator = "is", value = "customer" }, new { field = "status", @operator = "is", value = "pending" }),
            [new { field = "status", value = "open" }]);
        var ticket = await TicketEvents.CreateAsync(app, [scope]);
        await TicketEvents.UpdateAsync(app, ticket.TicketId, new FieldChange("status", "new", "pending"));

        await app.Events.PublishAsync(new TicketCommentAdded(ticket.TicketId, 1, "Any news?", true, new Actor("customer", "5"), false, DateTimeOffset.UtcNow), Guid.NewGuid());

        var command = await CommandAsync(ticket.TicketId);
        Assert.Equal([new FieldChange("status", "pending", "open")], command.Changes);
    }
}
