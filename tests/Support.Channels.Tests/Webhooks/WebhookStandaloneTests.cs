using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Support.Channels.Tests.Infrastructure;
using Support.Channels.Webhooks;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Webhooks;

/// <summary>The standalone mode (SQLite, the in-memory bus) delivers too, in order.</summary>
public sealed class WebhookStandaloneTests : IAsyncLifetime
{
    private readonly ChannelsApp app = new(sqlite: true);
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in WebhookTestClient.FastRetries)
            app.Settings[key] = value;
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Events_are_delivered_in_order_on_sqlite_and_the_in_memory_bus()
    {
        var admin = app.Client("admin");
        var webhook = await admin.CreateWebhookAsync(receiver, ["*"]);
        receiver.FailNext(ReceiverFault.ServerError);
        var bus = app.Services.GetRequiredService<IBus>();
        var events = Enumerable.Range(1, 5)
            .Select(i => (object)new TicketCommentAdded(1, i, $"comment {i}", true, Actor.System, i == 1, DateTimeOffset.UtcNow)).ToList();
        foreach (var message in events)
            await bus.PublishAsync(message);

        var received = await WebhookTestClient.EventuallyAsync(() => Task.FromResult(receiver.Received), r => r.Count >= 5, TimeSpan.FromSeconds(15), "5 comments");
        Assert.Equal([1L, 2, 3, 4, 5], received.Select(r => r.Data.GetProperty("commentId").GetInt64()));
        Assert.Equal(0, receiver.BadSignatures);
        var log = await WebhookTestClient.EventuallyAsync(() => admin.DeliveriesAsync(webhook.Id), d => d.All(x => x.Status == WebhookDeliveryStatus.Delivered),
            TimeSpan.FromSeconds(5), "the log delivered");
        Assert.Equal(6, log.Sum(d => d.Attempts.Count)); // one 500, then each once
    }
}
