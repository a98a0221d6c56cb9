using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Support.Benchmarks.SystemBench;

/// <summary>What a load sent: per request kind its latencies and errors; the tickets created and what each got.</summary>
public sealed class LoadResult
{
    public static readonly string[] Kinds = ["create", "reply", "solve", "rate"];

    public Dictionary<string, List<double>> LatenciesMs { get; } = Kinds.ToDictionary(k => k, _ => new List<double>(16_384));
    public Dictionary<string, int> Errors { get; } = [];
    public List<int> TicketIds { get; } = new(16_384);
    public HashSet<int> Replied { get; } = [];
    public HashSet<int> Solved { get; } = [];
    public HashSet<int> Rated { get; } = [];

    /// <summary>From the first ticket's start to the last ticket's start (the arrivals' window).</summary>
    public TimeSpan CreationWindow { get; set; }

    /// <summary>From the first request's start to the last request's end, follow-ups included.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>How late the pacing got (open loop only).</summary>
    public double MaxLagMs { get; set; }

    public int Requests => LatenciesMs.Values.Sum(l => l.Count);

    private readonly Lock gate = new();

    public void Record(string kind, double ms, string? error, int ticketId)
    {
        lock (gate)
        {
            LatenciesMs[kind].Add(ms);
            if (error is not null)
            {
                Errors[$"{kind} {error}"] = Errors.GetValueOrDefault($"{kind} {error}") + 1;
                return;
            }
            switch (kind)
            {
                case "create": TicketIds.Add(ticketId); break;
                case "reply": Replied.Add(ticketId); break;
                case "solve": Solved.Add(ticketId); break;
                case "rate": Rated.Add(ticketId); break;
            }
        }
    }
}

/// <summary>
/// The whole-system load through the gateway: new tickets, then for some of them (the mix) a public agent reply, a
/// change to solved and a satisfaction rating, each follow-up <c>followUpDelay</c> after the ticket's previous step,
/// in that order. Open loop (<see cref="RunPacedAsync"/>: ticket i starts at i / rate whatever the earlier ones are
/// doing) or closed loop (<see cref="RunClientsAsync"/>: N clients, each sending its next request when the last is
/// answered, a due follow-up before a new ticket). Every requester has an email at <see cref="RequesterDomain"/>,
/// which is how a later run finds this run's tickets to delete them (<see cref="SystemStores"/>).
/// </summary>
public sealed class SystemLoad(HttpClient http, LoadMix mix, TimeSpan followUpDelay, int agentId)
{
    public const string RequesterDomain = "sysbench.example";
    public const string SubjectPrefix = "[sysbench] ";
    private const int KnownRequesters = 2_000;

    private static readonly string[] Subjects = TicketLoad.Subjects;
    private static readonly string[] Descriptions = TicketLoad.Descriptions;

    private static readonly string[] Replies =
    [
        "Thanks for reaching out. I have reset your session; please try to sign in again and tell us if it works.",
        "I have started the refund; you will see it on your statement within 5 business days.",
        "Here is the corrected invoice. Sorry for the trouble!",
        "Our engineers found the cause; a fix ships today. Updating the app will solve it.",
    ];

    private static readonly string[] Priorities = ["low", "normal", "normal", "normal", "normal", "high", "high", "urgent"];
    private static readonly string[] TagPool = ["billing", "login", "mobile", "refund", "bug", "vip", "shipping", "api"];

    private readonly string runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
    private long newRequesters;

    private enum Step { Reply, Solve, Rate, Done }

    private sealed record Plan(bool Reply, bool Solve, bool Rate)
    {
        public Step After(Step? done) => done switch
        {
            null when Reply => Step.Reply,
            null or Step.Reply when Solve => Step.Solve,
            Step.Solve when Rate => Step.Rate,
            _ => Step.Done,
        };
    }

    /// <summary>Open loop: <paramref name="perSecond"/> new tickets a second for <paramref name="duration"/>, and their follow-ups.</summary>
    public async Task<LoadResult> RunPacedAsync(double perSecond, TimeSpan duration, int seed)
    {
        var result = new LoadResult();
        var count = (int)Math.Round(perSecond * duration.TotalSeconds);
        var random = new Random(seed);
        var tickets = new List<Task>(count);

        var start = Stopwatch.GetTimestamp();
        result.MaxLagMs = await OpenLoop.PaceAsync(count, perSecond, _ =>
        {
            var body = TicketBody(random);
            var plan = PlanFor(random);
            tickets.Add(Task.Run(() => TicketLifeAsync(body, plan, result)));
        });
        result.CreationWindow = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(tickets);
        result.Elapsed = Stopwatch.GetElapsedTime(start);
        return result;
    }

    /// <summary>Closed loop: <paramref name="clients"/> clients for <paramref name="duration"/>; then the follow-ups still due.</summary>
    public async Task<LoadResult> RunClientsAsync(int clients, TimeSpan duration, int seed)
    {
        var result = new LoadResult();
        var due = new ConcurrentQueue<(long Due, int TicketId, Plan Plan, Step Step)>();
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var delay = (long)(followUpDelay.TotalSeconds * Stopwatch.Frequency);
        var lastCreate = start;

        async Task ClientAsync(int client)
        {
            var random = new Random(seed * 1000 + client);
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (due.TryPeek(out var next) && next.Due <= now && due.TryDequeue(out next))
                {
                    if (await FollowUpAsync(next.TicketId, next.Step, result))
                    {
                        var step = next.Plan.After(next.Step);
                        if (step != Step.Done)
                            due.Enqueue((Stopwatch.GetTimestamp() + delay, next.TicketId, next.Plan, step));
                    }
                    continue;
                }
                if (now >= stop)
                {
                    if (due.IsEmpty)
                        return;
                    await Task.Delay(20); // only follow-ups are left, none due yet
                    continue;
                }
                var plan = PlanFor(random);
                Interlocked.Exchange(ref lastCreate, now);
                if (await CreateAsync(TicketBody(random), result) is { } id && plan.After(null) is var first && first != Step.Done)
                    due.Enqueue((Stopwatch.GetTimestamp() + delay, id, plan, first));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c))));
        result.CreationWindow = TimeSpan.FromSeconds((double)(Interlocked.Read(ref lastCreate) - start) / Stopwatch.Frequency);
        result.Elapsed = Stopwatch.GetElapsedTime(start);
        return result;
    }

    private Plan PlanFor(Random random)
    {
        var solve = random.NextDouble() < mix.Solved;
        return new Plan(random.NextDouble() < mix.Replied, solve, solve && mix.Solved > 0 && random.NextDouble() < mix.Rated / mix.Solved);
    }

    private async Task TicketLifeAsync(byte[] body, Plan plan, LoadResult result)
    {
        if (await CreateAsync(body, result) is not { } id)
            return;
        for (var step = plan.After(null); step != Step.Done; step = plan.After(step))
        {
            await Task.Delay(followUpDelay);
            if (!await FollowUpAsync(id, step, result))
                return;
        }
    }

    private async Task<int?> CreateAsync(byte[] body, LoadResult result)
    {
        var (ms, error, responseBody) = await SendAsync(HttpMethod.Post, "api/tickets", body, HttpStatusCode.Created);
        if (error is null && TicketLoad.ReadId(responseBody) is { } id)
        {
            result.Record("create", ms, null, id);
            return id;
        }
        result.Record("create", ms, error ?? "201 without an id", 0);
        return null;
    }

    private async Task<bool> FollowUpAsync(int ticketId, Step step, LoadResult result)
    {
        var (kind, method, path, body, expected) = step switch
        {
            Step.Reply => ("reply", HttpMethod.Post, $"api/tickets/{ticketId}/comments",
                Json(new { body = Replies[ticketId % Replies.Length], @public = true, author = new { type = "agent", id = agentId.ToString() } }), HttpStatusCode.Created),
            Step.Solve => ("solve", HttpMethod.Patch, $"api/tickets/{ticketId}", Json(new { status = "solved" }), HttpStatusCode.OK),
            Step.Rate => ("rate", HttpMethod.Post, $"api/tickets/{ticketId}/satisfaction",
                Json(new { score = ticketId % 5 == 0 ? "bad" : "good", comment = ticketId % 5 == 0 ? "Took too long." : "Quick, thanks!" }), HttpStatusCode.OK),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var (ms, error, _) = await SendAsync(method, path, body, expected);
        result.Record(kind, ms, error, ticketId);
        return error is null;
    }

    private async Task<(double Ms, string? Error, byte[] Body)> SendAsync(HttpMethod method, string path, byte[] body, HttpStatusCode expected)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var (buffer, length) = await TicketLoad.ReadBodyAsync(response, new byte[2048]);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // A 2xx other than the expected one is still a success (a comment answered 200, say).
            var ok = response.StatusCode == expected || (int)response.StatusCode is >= 200 and < 300;
            return (ms, ok ? null : ((int)response.StatusCode).ToString(), buffer.AsSpan(0, length).ToArray());
        }
        catch (TaskCanceledException)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, "timeout", []);
        }
        catch (HttpRequestException ex)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.HttpRequestError.ToString(), []);
        }
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>A ticket as clients send it, its requester at the benchmark's own email domain.</summary>
    private byte[] TicketBody(Random random)
    {
        string email, name;
        if (random.NextDouble() < 0.05)
        {
            var n = Interlocked.Increment(ref newRequesters);
            (email, name) = ($"new-{runId}-{n}@{RequesterDomain}", $"New Customer {n}");
        }
        else
        {
            var n = random.Next(KnownRequesters);
            (email, name) = ($"customer{n}@{RequesterDomain}", $"Customer {n}");
        }
        var tags = Enumerable.Range(0, random.Next(3)).Select(_ => TagPool[random.Next(TagPool.Length)]).Distinct().Append("sysbench").ToArray();
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            subject = SubjectPrefix + Subjects[random.Next(Subjects.Length)],
            description = Descriptions[random.Next(Descriptions.Length)],
            requester = new { email, name },
            priority = Priorities[random.Next(Priorities.Length)],
            tags,
        }));
    }
}
