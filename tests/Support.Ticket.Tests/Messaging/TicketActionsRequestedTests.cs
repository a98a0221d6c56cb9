using System.Net.Http.Json;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Messaging;

/// <summary>Automation's command: applied by the ticket's rules under the trigger actor, or dropped when stale.</summary>
[Collection(TicketAppCollection.Name)]
public sealed class TicketActionsRequestedTests(TicketApp app) : IAsyncLifetime
{
    private static readonly Actor Triggers = new("trigger", "3,7");
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() => events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    [Fact]
    public async Task The_changes_and_comments_apply_with_the_trigger_as_actor_in_the_audit_and_events()
    {
        var ticket = await client.CreateTicketAsync(tags: ["billing"]);
        var command = new TicketActionsRequested(Guid.NewGuid(), ticket.Id,
            [new FieldChange("status", "new", "pending"), new FieldChange("priority", "normal", "urgent"), new FieldChange("groupId", null, "4")],
            ["VIP", "escalated"], ["billing"],
            [new TicketCommentRequest("We are on it.", true), new TicketCommentRequest("Escalated by rule.", false)],
            Triggers, DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await events.PublishAsync(command, messageId);
        await events.PublishAsync(command, messageId); // a relay that published it twice

        var updated = (await events.WaitForAsync<TicketUpdated>(u => u.TicketId == ticket.Id && u.Actor == Triggers)).Single();
        Assert.Equal(["status", "priority", "groupId", "tags"], updated.Changes.Select(c => c.Field));
        var now = await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json);
        Assert.Equal((TicketStatus.Pending, TicketPriority.Urgent, 4), (now!.Status, now.Priority, now.GroupId));
        Assert.Equal(["vip", "escalated"], now.Tags);
        var comments = (await client.GetFromJsonAsync<Page<CommentResponse>>($"/api/tickets/{ticket.Id}/comments", TicketApp.Json))!.Items;
        Assert.Equal([("We are on it.", true), ("Escalated by rule.", false)], comments.Select(c => (c.Body, c.Public)));
        Assert.Equal(2, events.All<TicketCommentAdded>(c => c.TicketId == ticket.Id && c.Author == Triggers).Count);
        var audit = (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{ticket.Id}/audit", TicketApp.Json))!.Items;
        var byTriggers = audit.Where(a => a.Actor == Triggers).Select(a => a.Field).Order().ToList();
        Assert.Equal(["comment", "comment", "groupId", "priority", "status", "tags"], byTriggers);
        Assert.Single(events.All<TicketAssigned>(a => a.TicketId == ticket.Id && a.Actor == Triggers));
    }

    [Fact]
    public async Task A_command_whose_old_values_no_longer_hold_is_dropped()
    {
        var ticket = await client.CreateTicketAsync();
        (await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "open" }, actor: "agent:5")).EnsureSuccessStatusCode();
        var stale = new TicketActionsRequested(Guid.NewGuid(), ticket.Id, [new FieldChange("status", "new", "solved")], ["stale"], [],
            [new TicketCommentRequest("Should not appear.", true)], Triggers, DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await events.PublishAsync(stale, messageId);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The command was not consumed within 30 s.");
            await Task.Delay(50);
        }
        var now = await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json);
        Assert.Equal((TicketStatus.Open, 0), (now!.Status, now.Tags.Count));
        Assert.Equal(0, await app.CountAsync($"ticket_comments WHERE \"TicketId\" = {ticket.Id}"));
        Assert.Equal(0, await app.CountAsync($"ticket_audit WHERE \"TicketId\" = {ticket.Id} AND \"ActorType\" = 'trigger'"));
    }
}
