using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Support.Contracts.Customers;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Messaging;

/// <summary>Events reach a real RabbitMQ once per change, and redeliveries apply once (a broker outage: <see cref="BrokerOutageTests"/>).</summary>
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

        Assert.Equal(1, await WaitForErrorsAsync("ticket-ticket-routed_error", 1));
        var current = await client.GetAsync($"/api/tickets/{ticket.Id}");
        Assert.Equal("\"0\"", current.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Decisions_and_suggestions_arriving_together_are_applied_once_each_and_a_broken_one_fails_alone()
    {
        var tickets = new List<TicketResponse>();
        for (var i = 0; i < 12; i++)
            tickets.Add(await client.CreateTicketAsync());
        var (broken, repeated) = (tickets[^1], NewId.NextGuid());
        var errorsBefore = await ErrorQueueDepthAsync("ticket-ticket-routed_error");

        // One burst, so the consumers take them in batches: a decision and a suggestion per ticket, one decision twice.
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(app.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            foreach (var (ticket, i) in tickets[..^1].Select((t, i) => (t, i)))
            {
                var messageId = i == 3 ? repeated : NewId.NextGuid();
                for (var times = i == 3 ? 2 : 1; times > 0; times--)
                    await bus.Publish(new TicketRouted(ticket.Id, 100 + i, 4, "least_loaded", "fewest open tickets", DateTimeOffset.UtcNow), c => c.MessageId = messageId);
                await bus.Publish(new ArticlesSuggested(ticket.Id, [new SuggestedArticle(500 + i, "Reset your password", "en", 0.8)], DateTimeOffset.UtcNow));
            }
            await bus.Publish(new TicketRouted(broken.Id, -1, 4, "least_loaded", "broken router", DateTimeOffset.UtcNow));
        }
        finally
        {
            await bus.StopAsync();
        }

        Assert.Equal(errorsBefore + 1, await WaitForErrorsAsync("ticket-ticket-routed_error", errorsBefore + 1));
        foreach (var (ticket, i) in tickets[..^1].Select((t, i) => (t, i)))
        {
            await events.WaitForAsync<TicketAssigned>(e => e.TicketId == ticket.Id, timeoutSeconds: 30);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var response = await client.GetAsync($"/api/tickets/{ticket.Id}");
                var current = (await response.Content.ReadFromJsonAsync<TicketResponse>(TicketApp.Json))!;
                if (current.SuggestedArticles.Count > 0)
                {
                    Assert.Equal((100 + i, "\"1\"", 500 + i), (current.AssigneeId, response.Headers.ETag?.Tag, current.SuggestedArticles.Single().ArticleId));
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"Ticket {ticket.Id} got no suggestion within 30 s.");
                await Task.Delay(100);
            }
        }
        await Task.Delay(1000);
        Assert.All(tickets[..^1], ticket => Assert.Single(events.All<TicketAssigned>(e => e.TicketId == ticket.Id)));
        Assert.Equal("\"0\"", (await client.GetAsync($"/api/tickets/{broken.Id}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_routing_decision_made_before_a_person_assigned_the_ticket_is_dropped_as_stale()
    {
        var ticket = await client.CreateTicketAsync();
        var decidedBefore = DateTimeOffset.UtcNow;
        var assign = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { assigneeId = 7 }, actor: "agent:7");
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        await PublishAsync(new TicketRouted(ticket.Id, null, 5, "round_robin", "queued: no agent online", decidedBefore), NewId.NextGuid());
        await PublishAsync(new TicketRouted(ticket.Id, 9, 5, "escalation", "unanswered: tier 2", DateTimeOffset.UtcNow), NewId.NextGuid());

        await events.WaitForAsync<TicketAssigned>(e => e.TicketId == ticket.Id && e.AssigneeId == 9);
        var audit = await AuditAsync(ticket.Id);
        Assert.DoesNotContain(audit, a => a.Field == "assigneeId" && a.NewValue == null);
        Assert.Equal((int?)9, (await GetTicketAsync(ticket.Id)).Item1.AssigneeId);
    }

    [Fact]
    public async Task A_routing_decision_without_an_agent_unassigns_the_ticket_into_the_group_queue()
    {
        var ticket = await client.CreateTicketAsync();
        var assign = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { assigneeId = 7, groupId = 2 }, actor: "agent:7");
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        await PublishAsync(new TicketRouted(ticket.Id, null, 5, "escalation", "unanswered for 4 h: tier 2", DateTimeOffset.UtcNow), NewId.NextGuid());

        var assigned = Assert.Single(await events.WaitForAsync<TicketAssigned>(e => e.TicketId == ticket.Id && e.Actor.Id == "routing"));
        Assert.Equal(((int?)null, (int?)7, (int?)5, (int?)2), (assigned.AssigneeId, assigned.PreviousAssigneeId, assigned.GroupId, assigned.PreviousGroupId));
        var (current, etag) = await GetTicketAsync(ticket.Id);
        Assert.Equal(((int?)null, (int?)5, TicketStatus.Open, "\"2\""), (current.AssigneeId, current.GroupId, current.Status, etag));
        var audit = await AuditAsync(ticket.Id);
        var unassigned = Assert.Single(audit, a => a.Field == "assigneeId" && a.Actor.Id == "routing");
        Assert.Equal(("7", null, "system"), (unassigned.OldValue, unassigned.NewValue, unassigned.Actor.Type));
    }

    [Fact]
    public async Task TicketCreated_says_whether_a_person_gave_the_priority()
    {
        var given = await client.CreateTicketAsync(priority: "normal");
        var predicted = await client.CreateTicketAsync();

        Assert.True(Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.TicketId == given.Id)).PriorityGiven);
        var created = Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.TicketId == predicted.Id));
        Assert.False(created.PriorityGiven);
        Assert.Equal("normal", created.Priority);
    }

    [Fact]
    public async Task A_classification_sets_the_category_and_a_priority_nobody_chose()
    {
        var ticket = await client.CreateTicketAsync();
        await PublishAsync(Classified(ticket.Id, "billing", "urgent"), NewId.NextGuid());

        var update = Assert.Single(await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id));
        Assert.Equal(("system", "routing"), (update.Actor.Type, update.Actor.Id));
        Assert.Equal(["priority:normal>urgent", "category:>billing"], update.Changes.Select(c => $"{c.Field}:{c.OldValue}>{c.NewValue}"));
        var (current, etag) = await GetTicketAsync(ticket.Id);
        Assert.Equal(("billing", TicketPriority.Urgent, "\"1\""), (current.Category, current.Priority, etag));
        Assert.True(current.UpdatedAt > ticket.UpdatedAt);
        var audit = (await AuditAsync(ticket.Id)).Where(a => a.Field is "category" or "priority").ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("system", "routing"), (a.Actor.Type, a.Actor.Id)));
    }

    [Fact]
    public async Task A_classification_keeps_the_priority_the_requester_gave()
    {
        var ticket = await client.CreateTicketAsync(priority: "low");
        await PublishAsync(Classified(ticket.Id, "billing", "urgent"), NewId.NextGuid());

        var update = Assert.Single(await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id));
        Assert.Equal("category", Assert.Single(update.Changes).Field);
        var (current, _) = await GetTicketAsync(ticket.Id);
        Assert.Equal(("billing", TicketPriority.Low), (current.Category, current.Priority));
    }

    [Fact]
    public async Task A_classification_keeps_a_priority_an_agent_set()
    {
        var ticket = await client.CreateTicketAsync();
        await client.PatchTicketAsync(ticket.Id, new { priority = "high" });
        await PublishAsync(Classified(ticket.Id, "billing", "urgent"), NewId.NextGuid());

        var update = Assert.Single(await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id && e.Actor.Id == "routing"));
        Assert.Equal("category", Assert.Single(update.Changes).Field);
        var (current, _) = await GetTicketAsync(ticket.Id);
        Assert.Equal(("billing", TicketPriority.High), (current.Category, current.Priority));
    }

    [Fact]
    public async Task A_classification_never_overwrites_a_category()
    {
        var ticket = await client.CreateTicketAsync();
        await client.PatchTicketAsync(ticket.Id, new { category = "account" });
        await PublishAsync(Classified(ticket.Id, "billing", "high"), NewId.NextGuid());

        var update = Assert.Single(await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id && e.Actor.Id == "routing"));
        Assert.Equal("priority", Assert.Single(update.Changes).Field);
        var (current, _) = await GetTicketAsync(ticket.Id);
        Assert.Equal(("account", TicketPriority.High), (current.Category, current.Priority));
    }

    [Fact]
    public async Task A_classification_of_a_solved_or_unknown_ticket_changes_nothing()
    {
        var ticket = await client.CreateTicketAsync();
        await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        var solvedMessage = NewId.NextGuid();
        var unknownMessage = NewId.NextGuid();
        await PublishAsync(Classified(ticket.Id, "billing", "urgent"), solvedMessage);
        await PublishAsync(Classified(int.MaxValue, "billing", "urgent"), unknownMessage);

        await WaitUntilHandledAsync(solvedMessage);
        await WaitUntilHandledAsync(unknownMessage);
        var (current, etag) = await GetTicketAsync(ticket.Id);
        Assert.Equal(((string?)null, TicketPriority.Normal, "\"1\""), (current.Category, current.Priority, etag));
        Assert.Empty(events.All<TicketUpdated>(e => e.Actor.Id == "routing" && (e.TicketId == ticket.Id || e.TicketId == int.MaxValue)));
    }

    [Fact]
    public async Task A_redelivered_classification_is_applied_once()
    {
        var ticket = await client.CreateTicketAsync();
        var messageId = NewId.NextGuid();
        await PublishAsync(Classified(ticket.Id, "billing", "urgent"), messageId, times: 2);

        await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id);
        await Task.Delay(1000);
        Assert.Single(events.All<TicketUpdated>(e => e.TicketId == ticket.Id));
        var (_, etag) = await GetTicketAsync(ticket.Id);
        Assert.Equal("\"1\"", etag);
        Assert.Single(await AuditAsync(ticket.Id), a => a.Field == "category");
        Assert.Equal(1, await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
    }

    [Fact]
    public async Task A_classification_with_an_unknown_priority_or_an_overlong_category_lands_in_the_error_queue()
    {
        var badPriority = await client.CreateTicketAsync();
        var longCategory = await client.CreateTicketAsync();
        await PublishAsync(Classified(badPriority.Id, "billing", "critical"), NewId.NextGuid());
        await PublishAsync(Classified(longCategory.Id, new string('x', Support.Ticket.Tickets.Ticket.CategoryMaxLength + 1), null), NewId.NextGuid());

        Assert.Equal(2, await WaitForErrorsAsync("ticket-ticket-classified_error", 2));
        foreach (var ticket in new[] { badPriority, longCategory })
        {
            var (current, etag) = await GetTicketAsync(ticket.Id);
            Assert.Equal(((string?)null, TicketPriority.Normal, "\"0\""), (current.Category, current.Priority, etag));
        }
    }

    private static TicketClassified Classified(int ticketId, string? category, string? priority) =>
        new(ticketId, category, 0.92, priority, priority is null ? null : 0.81, 3, DateTimeOffset.UtcNow);

    private async Task<(TicketResponse Ticket, string? ETag)> GetTicketAsync(int id)
    {
        var response = await client.GetAsync($"/api/tickets/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<TicketResponse>(), response.Headers.ETag?.Tag);
    }

    private async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(int id) =>
        (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{id}/audit", TicketApp.Json))!.Items;

    /// <summary>Waits until the service's inbox holds the message: it was consumed, whatever it changed.</summary>
    private async Task WaitUntilHandledAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'") < 1)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Message {messageId} was not handled within 30 s.");
            await Task.Delay(100);
        }
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

    /// <summary>Waits until <paramref name="queue"/> holds <paramref name="count"/> messages (30 s at most), then a moment more; returns its depth.</summary>
    private async Task<int> WaitForErrorsAsync(string queue, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ErrorQueueDepthAsync(queue) < count && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(500);
        return await ErrorQueueDepthAsync(queue);
    }

    private async Task<int> ErrorQueueDepthAsync(string queue)
    {
        var vhost = Uri.UnescapeDataString(new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/'));
        var queues = await TestServers.RabbitMqCtlAsync("list_queues", "-q", "-p", vhost, "name", "messages");
        var line = queues.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(f => f[0] == queue);
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
