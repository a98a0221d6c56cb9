using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Support.Benchmarks.Channels;

/// <summary>A local webhook receiver: answers 200 and records, per delivery, when it arrived and when its event happened.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;
    public ConcurrentQueue<(string DeliveryId, string EventType, DateTimeOffset ReceivedAt, DateTimeOffset OccurredAt)> Received { get; } = new();
    public Uri Url { get; }

    private WebhookSink(WebApplication app, Uri url) => (this.app, Url) = (app, url);

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookSink? sink = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            sink!.Received.Enqueue((request.Headers["Support-Delivery-Id"].ToString(), request.Headers["Support-Event-Type"].ToString(), DateTimeOffset.UtcNow,
                body.RootElement.GetProperty("occurredAt").GetDateTimeOffset()));
            return Results.Ok();
        });
        await app.StartAsync();
        sink = new WebhookSink(app, new Uri(app.Urls.First() + "/hook"));
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
