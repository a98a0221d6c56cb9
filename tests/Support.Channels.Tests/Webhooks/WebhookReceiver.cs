using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Support.Channels.Tests.Webhooks;

/// <summary>A request the receiver took (answered 200): which delivery, which event, the event's data, and when.</summary>
public sealed record ReceivedDelivery(int WebhookId, long DeliveryId, Guid EventId, string Type, JsonElement Data, DateTimeOffset At);

public enum ReceiverFault { ServerError, Stall }

/// <summary>
/// An integrator's endpoint on 127.0.0.1: checks each request's signature as the README tells integrators to, records
/// what it took, and answers the faults it is told to (a 500, or no answer until the sender gives up) to the next
/// requests. "/hook" takes deliveries; "/broken" always answers 500.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceiverFault> faults = new();
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();
    private int badSignatures;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";
    public string BrokenUrl => Url.Replace("/hook", "/broken");

    /// <summary>Each webhook's secret, as its creation answered it.</summary>
    public ConcurrentDictionary<int, string> Secrets { get; } = new();

    /// <summary>Delivery ids answered 500, once per answer.</summary>
    public ConcurrentQueue<long> ServerErrors { get; } = new();

    /// <summary>Delivery ids left without an answer, once per request.</summary>
    public ConcurrentQueue<long> Stalled { get; } = new();

    public IReadOnlyList<ReceivedDelivery> Received => received.ToArray();
    public int BadSignatures => Volatile.Read(ref badSignatures);
    public int Requests => received.Count + ServerErrors.Count + Stalled.Count + BadSignatures;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        app.MapPost("/broken", () => Results.Text("broken on purpose", statusCode: 500));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>The next requests get these answers, one each, before it takes deliveries again.</summary>
    public void FailNext(params ReceiverFault[] next)
    {
        foreach (var fault in next)
            faults.Enqueue(fault);
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var webhookId = int.Parse(context.Request.Headers["Support-Webhook-Id"].ToString());
        var deliveryId = long.Parse(context.Request.Headers["Support-Delivery-Id"].ToString());
        if (!Secrets.TryGetValue(webhookId, out var secret) || !IsSigned(context.Request.Headers["Support-Signature"].ToString(), body, secret))
        {
            Interlocked.Increment(ref badSignatures);
            return Results.BadRequest("bad signature");
        }
        if (faults.TryDequeue(out var fault))
        {
            if (fault == ReceiverFault.ServerError)
            {
                ServerErrors.Enqueue(deliveryId);
                return Results.Text("try again later", statusCode: 500);
            }
            Stalled.Enqueue(deliveryId);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return Results.Ok();
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(root.GetProperty("type").GetString(), context.Request.Headers["Support-Event-Type"].ToString());
        received.Enqueue(new ReceivedDelivery(webhookId, deliveryId, root.GetProperty("id").GetGuid(), root.GetProperty("type").GetString()!,
            root.GetProperty("data").Clone(), DateTimeOffset.UtcNow));
        return Results.Text("thanks");
    }

    /// <summary>The README's check: HMAC-SHA256 of "t.body" under the secret, compared in constant time; at most 5 minutes old.</summary>
    public static bool IsSigned(string header, string body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, out var timestamp))
            return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300)
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return CryptographicOperations.FixedTimeEquals(expected, HexOrEmpty(v1));
    }

    private static byte[] HexOrEmpty(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
