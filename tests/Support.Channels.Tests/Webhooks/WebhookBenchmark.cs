using System.Diagnostics;
using MassTransit;
using Support.Channels.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Tickets;
using Xunit.Abstractions;

namespace Support.Channels.Tests.Webhooks;

/// <summary>Runs only when SUPPORT_WEBHOOK_BENCHMARK names how many events to publish (skipped otherwise).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SUPPORT_WEBHOOK_BENCHMARK") is null)
            Skip = "a benchmark: set SUPPORT_WEBHOOK_BENCHMARK=<events> to run it";
    }
}

/// <summary>
/// Deliveries per second and delivery latency (event published → receiver took it) with 16 subscriptions to one local
/// receiver, the service on PostgreSQL and RabbitMQ. Ticket events, ten per ticket, published a round of tickets at a
/// time (each ticket's in order). Prints its figures; asserts only that every delivery arrived.
/// </summary>
public sealed class WebhookBenchmark(ITestOutputHelper output)
{
    private const int Subscriptions = 16;
    private const int EventsPerTicket = 10;

    [BenchmarkFact]
    public async Task Deliveries_per_second_and_latency_at_16_subscriptions()
    {
        var events = int.Parse(Environment.GetEnvironmentVariable("SUPPORT_WEBHOOK_BENCHMARK")!);
        await using var app = new ChannelsApp();
        await app.InitializeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = app.Client("admin");
        for (var i = 0; i < Subscriptions; i++)
            await admin.CreateWebhookAsync(receiver, ["*"]);

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(app.RabbitMqUri)));
        await bus.StartAsync();
        var publishedAt = new Dictionary<Guid, DateTimeOffset>();
        var tickets = Math.Max(1, events / EventsPerTicket);
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        for (var round = 0; publishedAt.Count < events; round++)
        {
            var batch = Enumerable.Range(1, Math.Min(tickets, events - publishedAt.Count)).Select(ticket => (Id: NewId.NextGuid(),
                Message: new TicketCommentAdded(ticket, round, $"comment {round}", true, Actor.System, round == 0, DateTimeOffset.UtcNow))).ToList();
            foreach (var (id, _) in batch)
                publishedAt[id] = DateTimeOffset.UtcNow;
            await Task.WhenAll(batch.Select(e => bus.Publish(e.Message, context => context.MessageId = e.Id)));
        }
        var publishSeconds = clock.Elapsed.TotalSeconds;
        await bus.StopAsync();

        var expected = events * Subscriptions;
        var received = await WebhookTestClient.EventuallyAsync(() => Task.FromResult(receiver.Received), r => r.Count >= expected,
            TimeSpan.FromSeconds(30 + expected / 200.0), $"{expected} deliveries");
        var firsts = received.GroupBy(r => (r.WebhookId, r.EventId)).Select(g => g.First()).ToList();
        Assert.Equal(expected, firsts.Count);
        var latencies = firsts.Select(r => (r.At - publishedAt[r.EventId]).TotalMilliseconds).Order().ToList();
        var seconds = (firsts.Max(r => r.At) - start).TotalSeconds;
        output.WriteLine($"webhooks: {events} events x {Subscriptions} subscriptions = {expected} deliveries in {seconds:0.0} s " +
            $"(published in {publishSeconds:0.0} s): {expected / seconds:0} deliveries/s; latency p50 {Percentile(latencies, 0.50):0} ms, " +
            $"p99 {Percentile(latencies, 0.99):0} ms, max {latencies[^1]:0} ms; {received.Count - expected} repeats, {receiver.BadSignatures} bad signatures");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
