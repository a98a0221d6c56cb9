using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Support.Channels.Webhooks;
using Support.Hosting.Http;

namespace Support.Channels.Tests.Webhooks;

/// <summary>The webhook API as a test calls it, and polling with a deadline.</summary>
public static class WebhookTestClient
{
    /// <summary>Fast retries and short attempts, so a test sees several rounds in seconds.</summary>
    public static readonly Dictionary<string, string> FastRetries = new()
    {
        ["Webhooks:AttemptTimeout"] = "00:00:01",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.500",
        ["Webhooks:PollInterval"] = "00:00:00.200",
    };

    /// <summary>Creates a webhook on the receiver (private network allowed: it listens on 127.0.0.1) and tells the receiver its secret.</summary>
    public static async Task<WebhookResponse> CreateWebhookAsync(this HttpClient admin, WebhookReceiver receiver, string[] events, string? url = null, string? secret = null)
    {
        var response = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url = url ?? receiver.Url, events, secret, allowPrivateNetwork = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = await response.ReadAsync<WebhookResponse>();
        Assert.NotNull(webhook.Secret);
        receiver.Secrets[webhook.Id] = webhook.Secret;
        return webhook;
    }

    public static async Task<List<WebhookDeliveryResponse>> DeliveriesAsync(this HttpClient admin, int webhookId)
    {
        var deliveries = new List<WebhookDeliveryResponse>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/channels/webhooks/{webhookId}/deliveries?limit=100&cursor={cursor}")).ReadAsync<Page<WebhookDeliveryResponse>>();
            deliveries.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return deliveries;
    }

    public static async Task<WebhookResponse> WebhookAsync(this HttpClient admin, int webhookId) =>
        await (await admin.GetAsync($"/api/channels/webhooks/{webhookId}")).ReadAsync<WebhookResponse>();

    public static async Task PublishAsync(this IPublishEndpoint bus, object message) =>
        await bus.Publish(message, message.GetType(), context => context.MessageId = NewId.NextGuid());

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not within {within.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
