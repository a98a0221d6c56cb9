using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Support.Contracts.Customers;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests;

/// <summary>Events reach a real RabbitMQ once per change, survive a broker outage, and redeliveries apply once.</summary>
[Collection(TicketAppCollection.Name)]
public class MessagingTests(TicketApp app) : IAsyncLifetime
{
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() => events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    [Fact]
    public async Task Each_change_publishes_its_events_once_with_what_subscribers_need()
    {
        var email = Api.NewEmail();
        var ticket = await client.CreateTicketAsync(email, subject: "VPN drops", priority: "high", tags: ["vpn"]);
        await client.PatchAsync($"/api/tickets/{ticket.Id}", new { assigneeId = 11, groupId = 3 }, actor: "agent:5");
        await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "Try reconnecting", @public = true, author = new { type = "agent", id = "11" } });
        await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        await client.PatchTicketAsync(ticket.Id, new { status = "open" });
        await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "good", comment = "Thanks" });

        var created = Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.TicketId == ticket.Id));
        Assert.Equal(("VPN drops", "new", "high", email, ticket.RequesterId), (created.Subject, created.Status, created.Priority, created.RequesterEmail, created.RequesterId));
        Assert.Equal(["vpn"], created.Tags);
        Assert.Equal(ticket.CreatedAt, created.CreatedAt);

        var customer = Assert.Single(await events.WaitForAsync<CustomerCreated>(e => e.CustomerId == ticket.RequesterId));
        Assert.Equal(email, customer.Email);

        var assigned = Assert.Single(await events.WaitForAsync<TicketAssigned>(e => e.TicketId == ticket.Id));
        Assert.Equal((11, (int?)null, 3, "agent", "5"), (assigned.AssigneeId, assigned.PreviousAssigneeId, assigned.GroupId, assigned.Actor.Type, assigned.Actor.Id));

        var comment = Assert.Single(await events.WaitForAsync<TicketCommentAdded>(e => e.TicketId == ticket.Id));
        Assert.True(comment.IsFirstReply);
        Assert.True(comment.Public);

        var statusChanges = await events.WaitForAsync<TicketStatusChanged>(e => e.TicketId == ticket.Id, count: 4);
        Assert.Equal(["new>open", "open>solved", "solved>open", "open>solved"], statusChanges.Select(s => $"{s.OldStatus}>{s.NewStatus}"));
        Assert.Equal(2, (await events.WaitForAsync<TicketSolved>(e => e.TicketId == ticket.Id, count: 2)).Count);
        var reopened = Assert.Single(await events.WaitForAsync<TicketReopened>(e => e.TicketId == ticket.Id));
        Assert.Equal(1, reopened.ReopenCount);
        var rated = Assert.Single(await events.WaitForAsync<SatisfactionRated>(e => e.TicketId == ticket.Id));
        Assert.Equal(("good", 11), (rated.Score, rated.AssigneeId));

        var updates = await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id, count: 5);
        Assert.Contains(updates, u => u.Changes.Any(c => c is { Field: "assigneeId", OldValue: null, NewValue: "11" }));
        Assert.Equal(5, updates.Count); // assignment (which opens it), solve, reopen, solve, rating; the reply changes no field
    }

    [Fact]
    public async Task Tickets_are_accepted_while_RabbitMQ_is_down_and_every_event_is_published_when_it_returns()
    {
        var ids = new List<int>();
        await TestServers.RabbitMqCtlAsync("stop_app");
        try
        {
            for (var i = 0; i < 20; i++)
                ids.Add((await client.CreateTicketAsync(subject: $"During outage {i}")).Id);
            Assert.True(await app.CountRowsAsync("outbox_messages WHERE \"PublishedAt\" IS NULL") >= 20);
            var health = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // degraded at worst: the service keeps taking tickets
        }
        finally
        {
            await TestServers.RabbitMqCtlAsync("start_app");
            await TestServers.RabbitMqCtlAsync("await_startup");
        }

        var delivered = await events.WaitForAsync<TicketCreated>(e => ids.Contains(e.TicketId), count: ids.Count, timeoutSeconds: 90);
        Assert.Equal(ids.Order(), delivered.Select(e => e.TicketId).Order());
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        var ticket = await client.CreateTicketAsync();
        var messageId = NewId.NextGuid();
        var routed = new TicketRouted(ticket.Id, 21, 4, "round_robin", "next agent in turn", DateTimeOffset.UtcNow);
        await PublishAsync(routed, messageId, times: 2);

        var assigned = await events.WaitForAsync<TicketAssigned>(e => e.TicketId == ticket.Id, timeoutSeconds: 30);
        await Task.Delay(1000);
        Assert.Single(events.All<TicketAssigned>(e => e.TicketId == ticket.Id));
        Assert.Equal((21, 4, "system", "routing"), (assigned[0].AssigneeId, assigned[0].GroupId, assigned[0].Actor.Type, assigned[0].Actor.Id));

        var current = await client.GetAsync($"/api/tickets/{ticket.Id}");
        Assert.Equal("\"1\"", current.Headers.ETag?.Tag);
        var audit = (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{ticket.Id}/audit", TicketApp.Json))!.Items;
        Assert.Single(audit, a => a.Field == "assigneeId");
        Assert.Equal(1, await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_and_changes_nothing()
    {
        var ticket = await client.CreateTicketAsync();
        await PublishAsync(new TicketRouted(ticket.Id, -1, 4, "round_robin", "broken router", DateTimeOffset.UtcNow), NewId.NextGuid());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ErrorQueueDepthAsync() < 1 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(1, await ErrorQueueDepthAsync());
        var current = await client.GetAsync($"/api/tickets/{ticket.Id}");
        Assert.Equal("\"0\"", current.Headers.ETag?.Tag);
    }

    /// <summary>Publishes as another service would, the same message (one MessageId) <paramref name="times"/> times.</summary>
    private async Task PublishAsync<T>(T message, Guid messageId, int times = 1) where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(app.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            for (var i = 0; i < times; i++)
                await bus.Publish(message, context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<int> ErrorQueueDepthAsync()
    {
        var vhost = Uri.UnescapeDataString(new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/'));
        var queues = await TestServers.RabbitMqCtlAsync("list_queues", "-q", "-p", vhost, "name", "messages");
        var line = queues.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(f => f[0] == "ticket-ticket-routed_error");
        return line is null ? 0 : int.Parse(line[1]);
    }

    [Fact]
    public async Task A_refused_request_publishes_nothing()
    {
        var before = await app.CountRowsAsync("outbox_messages");
        var response = await client.PostAsJsonAsync("/api/tickets", new { subject = "", description = "x", requester = new { email = Api.NewEmail() } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.CountRowsAsync("outbox_messages"));
    }
}
