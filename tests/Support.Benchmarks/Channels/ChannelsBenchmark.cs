using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Benchmarks.Routing;

namespace Support.Benchmarks.Channels;

/// <summary>
/// The Channels service inside the whole topology (deploy/bench/channels-bench.sh starts it with a local mail server):
/// 16 webhooks subscribed to every event receive what a paced stream of new tickets causes (deliveries/s, latency from
/// the event's time to the receiver); every ticket's acknowledgement and then a burst of agent replies are watched
/// arriving in the requester's mailbox over IMAP (latency from the request, messages/s the sender sustains).
/// </summary>
public static class ChannelsBenchmark
{
    public const string Usage =
        "usage: Support.Benchmarks channels [--gateway URL] [--rate N/s] [--duration S] [--subscriptions N] [--replies N]\n" +
        "                                   [--mail-host H] [--imap-port P] [--mailbox ADDRESS] [--mail-password P]";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["--gateway"] = "http://127.0.0.1:5080/", ["--rate"] = "20", ["--duration"] = "20", ["--subscriptions"] = "16", ["--replies"] = "300",
            ["--mail-host"] = "127.0.0.1", ["--imap-port"] = "1143", ["--mailbox"] = "bench@example.com", ["--mail-password"] = "bench-mail",
        };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!settings.ContainsKey(args[i]))
            {
                Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                return 2;
            }
            settings[args[i]] = args[i + 1];
        }
        var gateway = new Uri(settings["--gateway"]);
        var (rate, seconds) = (double.Parse(settings["--rate"]), double.Parse(settings["--duration"]));
        var (subscriptions, replies) = (int.Parse(settings["--subscriptions"]), int.Parse(settings["--replies"]));
        var mailbox = settings["--mailbox"];

        var (http, problem) = await GatewayClient.ConnectAsync(gateway, 16);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GatewayToken.AdminAsync(admin, CancellationToken.None));
        await using var sink = await WebhookSink.StartAsync();
        for (var i = 0; i < subscriptions; i++)
            (await admin.PostAsJsonAsync("api/channels/webhooks", new { url = sink.Url, events = new[] { "*" }, allowPrivateNetwork = true })).EnsureSuccessStatusCode();
        await using var watcher = await MailboxWatcher.StartAsync(settings["--mail-host"], int.Parse(settings["--imap-port"]), mailbox, settings["--mail-password"]);
        var run = Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"Channels benchmark: {rate} tickets/s for {seconds} s, {subscriptions} webhooks on every event, acknowledgements to {mailbox}, then {replies} agent replies");

        // Phase 1: new tickets at a steady rate; every event they cause goes to each webhook; each gets an acknowledgement.
        var created = new ConcurrentDictionary<int, DateTimeOffset>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>();
        for (var n = 0; n < rate * seconds; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var index = n;
            requests.Add(Task.Run(async () =>
            {
                var sent = DateTimeOffset.UtcNow;
                using var response = await http.PostAsJsonAsync("api/tickets", new
                {
                    subject = $"bench {run} {index}", description = "The export stops at 1,000 rows.",
                    requester = new { email = mailbox, name = "Bench Customer" },
                });
                if (response.IsSuccessStatusCode)
                    created[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()] = sent;
            }));
        }
        await Task.WhenAll(requests);
        var acks = await WaitForMailAsync(watcher, created, id => $"[#{id}] We received your request: ", TimeSpan.FromSeconds(120));
        await WaitForQuietAsync(() => sink.Received.Count, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300));
        var deliveries = sink.Received.Where(d => d.OccurredAt >= started).ToList();
        var span = (deliveries.Max(d => d.ReceivedAt) - deliveries.Min(d => d.ReceivedAt)).TotalSeconds;
        var webhookLatency = new Percentiles(deliveries.Select(d => (d.ReceivedAt - d.OccurredAt).TotalMilliseconds));
        Console.WriteLine($"webhooks: {deliveries.Count} deliveries ({deliveries.Count / (double)Math.Max(1, created.Count):0.0} per ticket) in {span:0.0} s = {deliveries.Count / span:0} deliveries/s; " +
            $"latency event → receiver p50/p90/p99/max {webhookLatency.Summary} ms");
        Console.WriteLine($"acknowledgements: {acks.Count}/{created.Count} arrived; latency ticket request → mailbox p50/p90/p99/max {new Percentiles(acks).Summary} ms");

        // Phase 2: a burst of public agent replies; each goes to the requester's mailbox.
        var replied = new ConcurrentDictionary<int, DateTimeOffset>();
        var burst = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(created.Keys.Take(replies).Select(async id =>
        {
            await gate.WaitAsync();
            try
            {
                var sent = DateTimeOffset.UtcNow;
                using var response = await http.PostAsJsonAsync($"api/tickets/{id}/comments", new { body = "Fixed in today's release.", @public = true, author = new { type = "agent", id = "1" } });
                if (response.IsSuccessStatusCode)
                    replied[id] = sent;
            }
            finally
            {
                gate.Release();
            }
        }));
        var postSeconds = burst.Elapsed.TotalSeconds;
        var replyLatency = await WaitForMailAsync(watcher, replied, id => $"[#{id}] Re: ", TimeSpan.FromSeconds(300));
        var sendSeconds = burst.Elapsed.TotalSeconds;
        Console.WriteLine($"agent replies: {replied.Count} posted in {postSeconds:0.0} s, {replyLatency.Count} in the mailbox after {sendSeconds:0.0} s = {replyLatency.Count / sendSeconds:0} messages/s; " +
            $"latency reply → mailbox p50/p90/p99/max {new Percentiles(replyLatency).Summary} ms");
        return replyLatency.Count == replied.Count && acks.Count == created.Count ? 0 : 1;
    }

    /// <summary>Each ticket's message latency (request → seen in the mailbox), waiting until all arrived or the time is up.</summary>
    private static async Task<List<double>> WaitForMailAsync(MailboxWatcher watcher, IReadOnlyDictionary<int, DateTimeOffset> sent, Func<int, string> subjectStart, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = watcher.Arrived.ToList();
            var latencies = sent.Select(s => arrived.FirstOrDefault(a => a.Key.StartsWith(subjectStart(s.Key), StringComparison.Ordinal)) is { Key: not null } hit
                ? (hit.Value - s.Value).TotalMilliseconds : (double?)null).ToList();
            if (latencies.All(l => l is not null) || DateTime.UtcNow > deadline)
                return latencies.OfType<double>().ToList();
            await Task.Delay(500);
        }
    }

    private static async Task WaitForQuietAsync(Func<int> count, TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = -1;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var now = count();
            if (now != last)
                (last, since) = (now, DateTime.UtcNow);
            else if (DateTime.UtcNow - since > quiet)
                return;
            await Task.Delay(250);
        }
    }
}
