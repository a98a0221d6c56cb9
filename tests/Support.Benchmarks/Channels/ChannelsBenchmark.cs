using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Benchmarks.Routing;

namespace Support.Benchmarks.Channels;

/// <summary>
/// The Channels service inside the whole topology (deploy/bench/channels-bench.sh starts it with a local mail server):
/// each new ticket's acknowledgement and then a burst of agent replies are watched arriving in the requester's mailbox
/// over IMAP (latency from the request, messages/s the sender sustains); then 16 webhooks subscribed to every event
/// receive what a steady stream of new tickets causes (deliveries/s, latency from the event's time to the receiver).
/// </summary>
public static class ChannelsBenchmark
{
    public const string Usage =
        "usage: Support.Benchmarks channels [--gateway URL] [--rate N/s] [--duration S] [--replies N] [--webhook-rate N/s] [--webhook-duration S]\n" +
        "                                   [--subscriptions N] [--mail-host H] [--imap-port P] [--mailbox ADDRESS] [--mail-password P]";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["--gateway"] = "http://127.0.0.1:5080/", ["--rate"] = "20", ["--duration"] = "20", ["--replies"] = "300",
            ["--webhook-rate"] = "2", ["--webhook-duration"] = "20", ["--subscriptions"] = "16",
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
        var mailbox = settings["--mailbox"];
        var (http, problem) = await GatewayClient.ConnectAsync(gateway, 16);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }
        await using var watcher = await MailboxWatcher.StartAsync(settings["--mail-host"], int.Parse(settings["--imap-port"]), mailbox, settings["--mail-password"]);
        var run = Guid.NewGuid().ToString("N")[..8];

        // Email: new tickets at a steady rate, each acknowledged to the requester; then a burst of agent replies.
        var (rate, seconds, replies) = (double.Parse(settings["--rate"]), double.Parse(settings["--duration"]), int.Parse(settings["--replies"]));
        Console.WriteLine($"Channels benchmark, email: {rate} tickets/s for {seconds} s acknowledged to {mailbox}, then {replies} agent replies at once");
        var warmUp = await CreateTicketsAsync(http, 2, 5, $"warm-up {run}", mailbox); // the first email of a process pays for its start
        await WaitForMailAsync(watcher, warmUp, id => $"[#{id}] ", TimeSpan.FromSeconds(60));
        var created = await CreateTicketsAsync(http, rate, seconds, $"bench {run}", mailbox);
        var acks = await WaitForMailAsync(watcher, created, id => $"[#{id}] We received your request: ", TimeSpan.FromSeconds(120));
        Console.WriteLine($"acknowledgements: {acks.Count}/{created.Count} arrived; latency ticket request → mailbox p50/p90/p99/max {new Percentiles(acks).Summary} ms");
        if (acks.Count < created.Count)
            Console.WriteLine($"  not in the mailbox: tickets {string.Join(", ", created.Keys.Where(id => !watcher.Arrived.Keys.Any(s => s.StartsWith($"[#{id}] ", StringComparison.Ordinal))))}");
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

        // Webhooks: 16 subscriptions to every event receive what a steady stream of new tickets causes.
        var (webhookRate, webhookSeconds, subscriptions) = (double.Parse(settings["--webhook-rate"]), double.Parse(settings["--webhook-duration"]), int.Parse(settings["--subscriptions"]));
        Console.WriteLine($"Channels benchmark, webhooks: {subscriptions} webhooks on every event, {webhookRate} tickets/s for {webhookSeconds} s");
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GatewayToken.AdminAsync(admin, CancellationToken.None));
        await using var sink = await WebhookSink.StartAsync();
        var webhooks = new List<int>();
        try
        {
            for (var i = 0; i < subscriptions; i++)
            {
                using var response = await admin.PostAsJsonAsync("api/channels/webhooks", new { url = sink.Url, events = new[] { "*" }, allowPrivateNetwork = true });
                webhooks.Add((await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
            }
            await Task.Delay(TimeSpan.FromSeconds(3)); // every replica reads the new subscriptions within a second
            return await MeasureWebhooksAsync(http, sink, webhookRate, webhookSeconds, subscriptions, $"hook {run}", mailbox)
                && replyLatency.Count == replied.Count && acks.Count == created.Count ? 0 : 1;
        }
        finally
        {
            foreach (var id in webhooks) // with their deliveries: a later run starts without them
                await admin.DeleteAsync($"api/channels/webhooks/{id}");
        }
    }

    private static async Task<bool> MeasureWebhooksAsync(HttpClient http, WebhookSink sink, double webhookRate, double webhookSeconds, int subscriptions, string subject, string mailbox)
    {
        var started = DateTimeOffset.UtcNow;
        var stream = await CreateTicketsAsync(http, webhookRate, webhookSeconds, subject, mailbox);
        await WaitForQuietAsync(() => sink.Received.Count, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(600));
        var deliveries = sink.Received.Where(d => d.OccurredAt >= started).ToList();
        if (deliveries.Count == 0)
        {
            Console.WriteLine("webhooks: nothing was delivered");
            return false;
        }
        var firsts = deliveries.DistinctBy(d => d.DeliveryId).ToList();
        var span = (firsts.Max(d => d.ReceivedAt) - firsts.Min(d => d.ReceivedAt)).TotalSeconds;
        var byType = string.Join(", ", firsts.GroupBy(d => d.EventType).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count() / (double)subscriptions / stream.Count:0.##}"));
        Console.WriteLine($"webhooks: {firsts.Count} deliveries ({deliveries.Count - firsts.Count} repeats) for {stream.Count} tickets in {span:0.0} s = {firsts.Count / span:0} deliveries/s; " +
            $"latency event → receiver p50/p90/p99/max {new Percentiles(firsts.Select(d => (d.ReceivedAt - d.OccurredAt).TotalMilliseconds)).Summary} ms");
        Console.WriteLine($"events per ticket, by type: {byType}");
        return deliveries.Count > 0;
    }

    /// <summary>Creates tickets through the gateway at a steady rate; the time each request was sent, by ticket id.</summary>
    private static async Task<ConcurrentDictionary<int, DateTimeOffset>> CreateTicketsAsync(HttpClient http, double rate, double seconds, string subject, string requester)
    {
        var created = new ConcurrentDictionary<int, DateTimeOffset>();
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
                    subject = $"{subject} {index}", description = "The export stops at 1,000 rows.",
                    requester = new { email = requester, name = "Bench Customer" },
                });
                if (response.IsSuccessStatusCode)
                    created[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()] = sent;
            }));
        }
        await Task.WhenAll(requests);
        return created;
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
            else if (now > 0 && DateTime.UtcNow - since > quiet)
                return;
            await Task.Delay(250);
        }
    }
}
