using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Support.Channels.Tests.Infrastructure;
using Support.Channels.Webhooks;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Webhooks;

/// <summary>
/// A receiver that only fails: each delivery is retried for RetryFor and then failed; the webhook, failing for
/// DisableAfter, is disabled, and WebhookDisabled says so (here to a second webhook, which subscribes to it).
/// </summary>
public sealed class WebhookDisableTests : IAsyncLifetime
{
    private readonly ChannelsApp app = new();
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in WebhookTestClient.FastRetries)
            app.Settings[key] = value;
        app.Settings["Webhooks:RetryFor"] = "00:00:01";
        app.Settings["Webhooks:DisableAfter"] = "00:00:02";
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Failing_deliveries_are_marked_failed_and_a_webhook_failing_for_its_window_is_disabled_with_an_event()
    {
        var admin = app.Client("admin");
        var broken = await admin.CreateWebhookAsync(receiver, ["TicketCreated"], url: receiver.BrokenUrl);
        var watcher = await admin.CreateWebhookAsync(receiver, ["WebhookDisabled"]);
        var bus = app.Services.GetRequiredService<IBus>();

        // One ticket after another until the webhook has failed for its whole window (each delivery gives up after 1 s).
        var ticket = 0;
        await WebhookTestClient.EventuallyAsync(async () =>
        {
            var webhook = await admin.WebhookAsync(broken.Id);
            if (webhook.Active && (await admin.DeliveriesAsync(broken.Id)).All(d => d.Status != WebhookDeliveryStatus.Pending))
                await bus.PublishAsync(new TicketCreated(++ticket, "s", "d", "new", "normal", false, null, "web", 1, "c@example.com", "C", null, [], Actor.System, DateTimeOffset.UtcNow));
            return webhook;
        }, webhook => !webhook.Active, TimeSpan.FromSeconds(20), "the broken webhook disabled");

        var disabled = await admin.WebhookAsync(broken.Id);
        Assert.NotNull(disabled.DisabledAt);
        Assert.Contains("HTTP 500", disabled.DisabledReason);
        var log = await admin.DeliveriesAsync(broken.Id);
        Assert.Contains(log, d => d.Status == WebhookDeliveryStatus.Failed && d.Attempts.Count >= 2);
        Assert.All(log.SelectMany(d => d.Attempts), a => Assert.Equal((false, 500, "broken on purpose"), (a.Succeeded, a.StatusCode, a.Response)));

        var announced = await WebhookTestClient.EventuallyAsync(() => Task.FromResult(receiver.Received), r => r.Count > 0, TimeSpan.FromSeconds(10), "WebhookDisabled");
        var announcement = Assert.Single(announced);
        Assert.Equal((watcher.Id, "WebhookDisabled"), (announcement.WebhookId, announcement.Type));
        Assert.Equal(broken.Id, announcement.Data.GetProperty("webhookId").GetInt32());
        Assert.Equal(receiver.BrokenUrl, announcement.Data.GetProperty("url").GetString());

        // Enabled again by an admin: a fresh start.
        var enabled = await admin.PatchAsJsonAsync($"/api/channels/webhooks/{broken.Id}", new { active = true });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var webhookNow = await enabled.ReadAsync<WebhookResponse>();
        Assert.Equal((true, null, null, null), (webhookNow.Active, webhookNow.DisabledAt, webhookNow.DisabledReason, webhookNow.FailingSince));
    }
}
