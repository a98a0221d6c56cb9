using MassTransit;
using Support.Channels.Tests.Infrastructure;
using Support.Channels.Webhooks;
using Support.Contracts;
using Support.Contracts.Identity;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Webhooks;

/// <summary>
/// Events published on the bus reach an integrator's receiver: signed, each once (a repeat carries the same delivery
/// id), in each ticket's order, through 500s, timeouts and a restart of the service; and the delivery log tells the same.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const int Tickets = 4;
    private ServiceServers servers = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        servers = await ServiceServers.CreateAsync("channels");
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await servers.DisposeAsync();
    }

    [Fact]
    public async Task Every_event_arrives_signed_once_in_ticket_order_through_receiver_failures_and_a_restart()
    {
        var app = await StartAppAsync();
        var admin = app.Client("admin");
        var everything = await admin.CreateWebhookAsync(receiver, ["*"], secret: "a-secret-of-our-own-choosing");
        var comments = await admin.CreateWebhookAsync(receiver, ["TicketCommentAdded", "TicketSolved"]); // its secret made by the service
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(servers.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            var steps = Enumerable.Range(0, 5).Select(step => Enumerable.Range(1, Tickets).Select(ticket => TicketEvent(step, ticket)).ToList()).ToList();
            var user = new UserCreated(7, "ada@example.com", "Ada", "agent", 3, null, DateTimeOffset.UtcNow);
            receiver.FailNext(ReceiverFault.ServerError, ReceiverFault.Stall, ReceiverFault.ServerError, ReceiverFault.ServerError, ReceiverFault.Stall);

            // The first two steps, one ticket after another, then the service stops while delivering them…
            var published = new List<(object Message, Guid Id)>();
            foreach (var message in steps[0].Concat(steps[1]).Append(user))
                published.Add((message, await PublishAsync(bus, message)));
            // (once the faulted deliveries went through: an attempt cut short by the stop is not logged, and the log is compared below)
            await WebhookTestClient.EventuallyAsync(() => Task.FromResult(receiver.Received.Select(r => r.DeliveryId).ToHashSet()),
                taken => taken.Count >= 6 && receiver.ServerErrors.Concat(receiver.Stalled).All(taken.Contains) && receiver.Stalled.Count == 2,
                TimeSpan.FromSeconds(20), "the first deliveries, the faulted ones retried");
            await app.DisposeAsync();

            // …the rest is published while it is down, and a new instance takes over.
            foreach (var message in steps.Skip(2).SelectMany(s => s))
                published.Add((message, await PublishAsync(bus, message)));
            app = await StartAppAsync();
            admin = app.Client("admin");

            var expected = published.Select(p => (everything.Id, p.Id))
                .Concat(published.Where(p => p.Message is TicketCommentAdded or TicketSolved).Select(p => (comments.Id, p.Id))).ToHashSet();
            await WebhookTestClient.EventuallyAsync(() => Task.FromResult(receiver.Received.Select(r => (r.WebhookId, r.EventId)).ToHashSet()),
                got => got.SetEquals(expected), TimeSpan.FromSeconds(30), $"all {expected.Count} deliveries");

            Assert.Equal(0, receiver.BadSignatures);
            Assert.Equal(3, receiver.ServerErrors.Count);
            Assert.Equal(2, receiver.Stalled.Count);
            // At least once: a repeat is the same delivery, which the receiver recognises by its id.
            Assert.All(receiver.Received.GroupBy(r => (r.WebhookId, r.EventId)), same => Assert.Single(same.Select(r => r.DeliveryId).Distinct()));
            foreach (var webhookId in new[] { everything.Id, comments.Id })
                for (var ticket = 1; ticket <= Tickets; ticket++)
                {
                    var order = published.Where(p => TicketOf(p.Message) == ticket && expected.Contains((webhookId, p.Id))).Select(p => p.Id).ToList();
                    var arrived = receiver.Received.Where(r => r.WebhookId == webhookId && r.Data.TryGetProperty("ticketId", out var id) && id.GetInt32() == ticket)
                        .Select(r => r.EventId).ToList();
                    Assert.Equal(order, WithoutRepeats(arrived));
                }

            await TheLogMatchesWhatTheReceiverSawAsync(admin, everything.Id, comments.Id);
        }
        finally
        {
            await bus.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task TheLogMatchesWhatTheReceiverSawAsync(HttpClient admin, params int[] webhookIds)
    {
        var log = new List<WebhookDeliveryResponse>();
        foreach (var webhookId in webhookIds)
            log.AddRange(await WebhookTestClient.EventuallyAsync(() => admin.DeliveriesAsync(webhookId),
                deliveries => deliveries.All(d => d.Status == WebhookDeliveryStatus.Delivered), TimeSpan.FromSeconds(10), $"webhook {webhookId}'s log all delivered"));

        Assert.Equal(receiver.Received.Select(r => r.DeliveryId).Distinct().Order(), log.Select(d => d.Id).Order());
        Assert.All(log, delivery =>
        {
            Assert.True(delivery.Attempts[^1].Succeeded);
            Assert.Equal(200, delivery.Attempts[^1].StatusCode);
            Assert.Equal("thanks", delivery.Attempts[^1].Response);
            Assert.Equal(receiver.ServerErrors.Count(id => id == delivery.Id), delivery.Attempts.Count(a => a.StatusCode == 500));
            Assert.All(delivery.Attempts.Where(a => a.StatusCode == 500), a => Assert.Equal("try again later", a.Response));
            Assert.Equal(receiver.Stalled.Count(id => id == delivery.Id), delivery.Attempts.Count(a => a.Error?.StartsWith("timed out") == true));
            Assert.All(delivery.Attempts, a => Assert.InRange(a.LatencyMs, 0, 5_000));
        });
    }

    private async Task<ChannelsApp> StartAppAsync()
    {
        var app = new ChannelsApp(shared: servers);
        foreach (var (key, value) in WebhookTestClient.FastRetries)
            app.Settings[key] = value;
        await app.InitializeAsync();
        return app;
    }

    private static async Task<Guid> PublishAsync(IBus bus, object message)
    {
        var id = NewId.NextGuid();
        await bus.Publish(message, message.GetType(), context => context.MessageId = id);
        return id;
    }

    private static object TicketEvent(int step, int ticket)
    {
        var at = DateTimeOffset.UtcNow;
        var agent = new Actor("agent", "3");
        return step switch
        {
            0 => new TicketCreated(ticket, $"Ticket {ticket}", "It broke.", "new", "normal", false, null, "web", 40 + ticket, "c@example.com", "C", null, [], agent, at),
            1 => new TicketCommentAdded(ticket, 100 * ticket + 1, "Looking at it", true, agent, true, at),
            2 => new TicketCommentAdded(ticket, 100 * ticket + 2, "Fixed, I think", true, agent, false, at),
            3 => new TicketStatusChanged(ticket, "open", "pending", 3, agent, at),
            _ => new TicketSolved(ticket, 3, null, 40 + ticket, at, at, agent),
        };
    }

    private static int? TicketOf(object message) => message.GetType().GetProperty("TicketId")?.GetValue(message) as int?;

    private static List<Guid> WithoutRepeats(List<Guid> arrived) => arrived.Where((id, i) => i == 0 || arrived[i - 1] != id).ToList();
}
