using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace Support.Channels.Webhooks;

/// <summary>A claimed delivery, with what sending it needs of its webhook.</summary>
public sealed record ClaimedDelivery(
    long Id, int WebhookId, string Url, string Secret, bool AllowPrivateNetwork, DateTimeOffset? FailingSince, string EventType, string Payload);

/// <summary>Makes one attempt: the signed POST, with no redirects followed, and what came of it.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>The named client for public targets: it connects only to public addresses (<see cref="WebhookTarget"/>).</summary>
    public const string PublicClient = "webhooks";

    /// <summary>The named client for the webhooks an admin allowed onto private networks; its own connection pool.</summary>
    public const string PrivateNetworkClient = "webhooks-private-network";

    private readonly WebhookOptions settings = options.Value;

    public async Task<WebhookAttempt> SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var attempt = new WebhookAttempt { DeliveryId = delivery.Id, AttemptedAt = clock.GetUtcNow() };
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(delivery.Secret, attempt.AttemptedAt, delivery.Payload));
        request.Headers.Add(WebhookSignature.WebhookIdHeader, delivery.WebhookId.ToString());
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, delivery.EventType);
        request.Headers.UserAgent.ParseAdd("Support-Webhooks/1.0");

        var client = clients.CreateClient(delivery.AllowPrivateNetwork ? PrivateNetworkClient : PublicClient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.Succeeded = response.IsSuccessStatusCode;
            attempt.Response = await ExcerptAsync(response, timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            attempt.Succeeded = false; // an answer whose body did not come in time is not taken as a success
            attempt.Error = $"timed out after {settings.AttemptTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            attempt.Error = Describe(ex);
        }
        attempt.LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return attempt;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.ResponseMaxBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            length += read;
        // Whatever the receiver answered (binary, a cut character), the log stores text: NUL, which PostgreSQL refuses, becomes U+FFFD.
        return Encoding.UTF8.GetString(buffer, 0, length).Replace('\0', '\uFFFD');
    }

    private static string Describe(HttpRequestException ex)
    {
        Exception? inner = ex;
        while (inner is not null and not WebhookTargetRefusedException)
            inner = inner.InnerException;
        var text = inner?.Message ?? (ex.InnerException is { } cause ? $"{ex.Message} ({cause.Message})" : ex.Message);
        return text.Length <= WebhookAttempt.ErrorMaxLength ? text : text[..WebhookAttempt.ErrorMaxLength];
    }
}
