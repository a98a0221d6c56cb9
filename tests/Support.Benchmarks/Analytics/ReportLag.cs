using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.Analytics;

/// <summary>How the lag phase's events reach RabbitMQ.</summary>
public enum LagDelivery
{
    /// <summary>Published to TicketCreated's exchange, as the Ticket service does: Routing and KnowledgeBase get them too.</summary>
    Publish,

    /// <summary>Sent to the Analytics service's own queue only: the service alone, without the other consumers' load.</summary>
    Queue,
}

/// <summary>What the lag phase saw.</summary>
public sealed record LagResult(
    int Published,
    int PublishFailed,
    TimeSpan PublishElapsed,
    double MaxPacingDelayMs,
    int Baseline,
    int FinalCreated,
    List<double> LagsMs,
    int NeverSeen,
    List<double> PollMs,
    int PollErrors,
    DateTimeOffset From,
    DateTimeOffset To,
    int FirstTicketId,
    TimeSpan Waited,
    int Events)
{
    /// <summary>Tickets counted by the summary beyond those there before: should equal <see cref="Published"/>.</summary>
    public int Counted => FinalCreated - Baseline;
}

/// <summary>
/// The lag from an event's publication to its effect on a report: publishes TicketCreated straight to RabbitMQ (as the
/// Ticket service's outbox relay would) at a steady rate, each created "now", for tickets above every loaded id, while
/// polling the summary of [start, start + 1 day) through the gateway. The i-th event's lag is the time the first poll
/// answering with total.created ≥ i came back, minus the moment the event was published: an upper bound, by up to a
/// poll interval plus a poll's own duration. The loaded history ends at today's midnight, so only these tickets count.
/// After the last publication it keeps polling until every ticket is counted, or the count has not moved for
/// <c>wait</c>, or four times the publishing time plus <c>wait</c> has passed.
/// </summary>
public sealed class ReportLag(HttpClient http, Uri rabbitMq, LagDelivery delivery)
{
    /// <summary>The Analytics service's one queue (AnalyticsService.EventsQueue).</summary>
    public const string AnalyticsQueue = "analytics-events";

    public async Task<LagResult> RunAsync(int firstTicketId, int customers, double rate, TimeSpan duration, TimeSpan pollInterval, TimeSpan wait, int seed)
    {
        var from = DateTimeOffset.UtcNow;
        from = new DateTimeOffset(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var to = from.AddDays(1);
        var url = $"api/analytics/summary?from={ReportQuery.Instant(from)}&to={ReportQuery.Instant(to)}";

        var polls = new List<(long At, int Created)>();
        var pollMs = new List<double>();
        var pollErrors = 0;
        using var stopPolling = new CancellationTokenSource();
        var baseline = await PollOnceAsync(url, CancellationToken.None) ?? throw new InvalidOperationException($"GET {url} failed");
        var target = int.MaxValue;
        var latest = baseline;
        var reachedTarget = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var poller = Task.Run(async () =>
        {
            var next = Stopwatch.GetTimestamp();
            while (!stopPolling.IsCancellationRequested)
            {
                var idle = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (idle > TimeSpan.Zero)
                    await Task.Delay(idle);
                var began = Stopwatch.GetTimestamp();
                next = began + (long)(pollInterval.TotalSeconds * Stopwatch.Frequency);
                var created = await PollOnceAsync(url, stopPolling.Token);
                var at = Stopwatch.GetTimestamp();
                if (created is not { } count)
                {
                    if (!stopPolling.IsCancellationRequested)
                        pollErrors++;
                    continue;
                }
                polls.Add((at, count));
                Volatile.Write(ref latest, count);
                pollMs.Add(Stopwatch.GetElapsedTime(began, at).TotalMilliseconds);
                if (count - baseline >= Volatile.Read(ref target))
                    reachedTarget.TrySetResult();
            }
        });

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbitMq));
        await bus.StartAsync();
        var queue = delivery == LagDelivery.Queue ? await bus.GetSendEndpoint(new Uri($"queue:{AnalyticsQueue}")) : null;
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        // A ticket's events as the real stream has them: its creation, then comments and changes; one event in
        // EventsPerTicket creates a ticket, and those creations are the probes whose lag is measured.
        var tickets = (count + EventsPerTicket - 1) / EventsPerTicket;
        var publishedAt = new long[tickets];
        var publishes = new List<Task<bool>>(count);
        var creations = new List<Task<bool>>(tickets);
        var random = new Random(seed);
        var interval = Stopwatch.Frequency / rate;
        long maxDelay = 0;
        var start = Stopwatch.GetTimestamp();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * interval);
                var early = due - Stopwatch.GetTimestamp();
                if (early > 0)
                    await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency));
                var now = Stopwatch.GetTimestamp();
                maxDelay = Math.Max(maxDelay, now - due);
                var ticket = i / EventsPerTicket;
                if (i % EventsPerTicket == 0)
                {
                    publishedAt[ticket] = now;
                    var creation = PublishAsync(bus, queue, Ticket(firstTicketId + ticket, customers, random, DateTimeOffset.UtcNow));
                    creations.Add(creation);
                    publishes.Add(creation);
                }
                else
                    publishes.Add(PublishAsync(bus, queue, Comment(firstTicketId + ticket, i, random, DateTimeOffset.UtcNow)));
            }
            await Task.WhenAll(publishes);
        }
        finally
        {
            await bus.StopAsync();
        }
        var publishElapsed = Stopwatch.GetElapsedTime(start);
        var published = creations.Count(p => p.Result);

        // Until the summary counts every published ticket, or its count has stood still for the wait.
        Volatile.Write(ref target, published); // the poller's next answer tells
        var waitStarted = Stopwatch.GetTimestamp();
        var lastCount = -1;
        var lastMove = Stopwatch.GetTimestamp();
        while (!reachedTarget.Task.IsCompleted)
        {
            await Task.WhenAny(reachedTarget.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            var now = Volatile.Read(ref latest);
            if (now != lastCount)
                (lastCount, lastMove) = (now, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(lastMove) >= wait)
                break;
            if (Stopwatch.GetElapsedTime(waitStarted) >= 4 * duration + wait)
                break; // moving, but far too slowly to wait for

        }
        var waited = Stopwatch.GetElapsedTime(waitStarted);
        await stopPolling.CancelAsync();
        await poller;
        var final = await PollOnceAsync(url, CancellationToken.None) ?? polls.LastOrDefault().Created;

        // The i-th publication's lag: to the first poll (in time order) counting at least i + 1 tickets.
        var lags = new List<double>(tickets);
        var p = 0;
        for (var i = 0; i < tickets; i++)
        {
            while (p < polls.Count && polls[p].Created - baseline < i + 1)
                p++;
            if (p == polls.Count)
                break;
            lags.Add(Math.Max(0, Stopwatch.GetElapsedTime(publishedAt[i], polls[p].At).TotalMilliseconds));
        }

        return new LagResult(published, publishes.Count(t => !t.Result), publishElapsed, maxDelay * 1000.0 / Stopwatch.Frequency, baseline, final, lags,
            tickets - lags.Count, pollMs, pollErrors, from, to, firstTicketId, waited, count);
    }

    // total.created of the summary; null when the poll failed.
    private async Task<int?> PollOnceAsync(string url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
                return null;
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return json.RootElement.GetProperty("total").GetProperty("created").GetInt32();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static async Task<bool> PublishAsync(IBus bus, ISendEndpoint? queue, object message)
    {
        try
        {
            if (queue is null)
                await bus.Publish(message, message.GetType());
            else
                await queue.Send(message, message.GetType());
            return true;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"    publishing {message.GetType().Name} failed: {ex.Message}");
            return false;
        }
    }

    /// <summary>Events per new ticket in the stream: about what the generated history has (8.6).</summary>
    public const int EventsPerTicket = 8;

    private static TicketCommentAdded Comment(int ticketId, int sequence, Random random, DateTimeOffset now)
    {
        var byAgent = random.Next(3) > 0;
        return new TicketCommentAdded(ticketId, 10_000_000L + sequence, byAgent ? "Thanks, we are looking into it." : "Any news? 有进展吗？", Public: true,
            byAgent ? new Actor("agent", (1 + random.Next(60)).ToString()) : new Actor("customer", "1"), IsFirstReply: false, now);
    }

    private static TicketCreated Ticket(int id, int customers, Random random, DateTimeOffset now)
    {
        var topic = SupportTexts.Topics[random.Next(SupportTexts.Topics.Length)];
        var requester = 1 + random.Next(customers);
        string[] channels = ["email", "web", "chat", "phone", "api"];
        string[] priorities = ["low", "normal", "normal", "normal", "high", "urgent"];
        return new TicketCreated(id, topic.Subjects[random.Next(topic.Subjects.Length)], topic.Descriptions[random.Next(topic.Descriptions.Length)],
            "new", priorities[random.Next(priorities.Length)], PriorityGiven: false, Type: null, channels[random.Next(channels.Length)],
            requester, $"customer{requester}@example.com", $"Customer {requester}", OrganizationId: null, Tags: [topic.Tag],
            Actor: new Actor("customer", requester.ToString()), CreatedAt: now);
    }
}
