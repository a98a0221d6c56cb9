using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using Support.Benchmarks.Routing;

namespace Support.Benchmarks.Analytics;

/// <summary>
/// The Analytics benchmark: loads a generated year of support (customers and tickets' events) into the Analytics
/// service's event store with a binary COPY and has the service rebuild its read models from it; then measures the
/// report queries (summary, time series, agents) through the gateway with concurrent clients; then the lag from a
/// TicketCreated's publication to its effect on a summary, at a steady rate.
/// </summary>
public static class AnalyticsBenchmark
{
    private const double TargetQueryP99Ms = 200;
    private const double TargetLagP99Ms = 1000;
    private const double MaxErrorShare = 0.01;
    private const double EventsPerTicket = 8.5; // about what the generator makes: for the time-to-go estimate only

    public static async Task<int> RunAsync(string[] args)
    {
        AnalyticsBenchmarkOptions options;
        try
        {
            options = AnalyticsBenchmarkOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(AnalyticsBenchmarkOptions.Usage);
            return 2;
        }

        var queries = options.Kinds.Select(k => ReportQuery.All.First(q => q.Name == k)).ToList();
        using var http = Client(options.Gateway, options.Clients + 2, TimeSpan.FromSeconds(110), options.Gateway);
        await using var db = EventStoreDatabase.Open(options.Postgres);
        var rows = new List<string>();
        var failed = false;

        Console.WriteLine($"Analytics benchmark on {Machine()}");
        Console.WriteLine($"  options   {options.Describe()}");
        Console.WriteLine($"  database  {db.Describe()}");
        try
        {
            Console.WriteLine($"  PostgreSQL {await db.ServerVersionAsync()}");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return Fail($"cannot reach the Analytics database {db.Describe()}: {ex.Message}");
        }
        if (await ReadyAsync(http, options.Gateway) is { } problem)
            return Fail(problem);

        try
        {
            if (options.Load && await LoadAsync(options, db, http, rows))
                failed = true; // no point measuring reports on a half-loaded store
            else
            {
                if (options.Queries)
                    failed |= await QueriesAsync(options, queries, http, rows);
                if (options.Lag)
                    failed |= await LagAsync(options, db, http, rows);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or HttpRequestException or InvalidOperationException or JsonException or TimeoutException)
        {
            Console.Error.WriteLine(ex);
            return Fail(ex.Message);
        }

        Console.WriteLine();
        Console.WriteLine($"Command: deploy/bench/analytics-bench.sh {string.Join(" ", args)}");
        Console.WriteLine();
        Console.WriteLine($"| Analytics benchmark ({options.Tickets:N0} tickets, {options.Days} days, {options.Clients} report clients, " +
            $"{options.Rate:0.#} events/s lag probe; {Environment.ProcessorCount} cores) | result | target |");
        Console.WriteLine("|---|---|---|");
        foreach (var row in rows)
            Console.WriteLine(row);
        if (failed)
            Console.Error.WriteLine($"analytics benchmark: a phase failed (the load or rebuild, more than {MaxErrorShare:P0} of the report queries, or events lost in the lag phase)");
        return failed ? 1 : 0;
    }

    // 1. The event store and the read models.
    private static async Task<bool> LoadAsync(AnalyticsBenchmarkOptions options, EventStoreDatabase db, HttpClient http, List<string> rows)
    {
        Console.WriteLine();
        Console.WriteLine("1. load");
        var clock = Stopwatch.StartNew();
        var (ticketCreated, events) = await db.CountEventsAsync();
        Console.WriteLine($"  the event store holds {events:N0} events, {ticketCreated:N0} of them TicketCreated (counted in {clock.Elapsed.TotalSeconds:0.0} s)");

        var loaded = false;
        var total = events;
        if (options.Reuse && ticketCreated >= options.Tickets)
        {
            Console.WriteLine($"  at least {options.Tickets:N0} tickets there: not loading (--reuse no empties the event store and loads it again)");
            rows.Add($"| event store | {events:N0} events, {ticketCreated:N0} tickets (already loaded, reused) | {options.Tickets:N0} tickets |");
        }
        else
        {
            var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
            var history = new SupportHistory(options.Seed, options.Tickets, options.Customers, options.Days, end);
            Console.WriteLine($"  emptying the event store and loading {options.Tickets:N0} tickets of {options.Customers:N0} customers over {options.Days} days " +
                $"[{history.Start:yyyy-MM-dd}, {history.End:yyyy-MM-dd}) (seed {options.Seed}) with a binary COPY …");
            var copy = await db.LoadAsync(history, (long)(options.Tickets * EventsPerTicket + options.Customers * 1.1));
            var c = history.Counts;
            Console.WriteLine($"""
                  copied            {copy.Events:N0} events in {copy.Elapsed.TotalSeconds:0.0} s = {copy.PerSecond:N0} events/s (generating and serializing on another thread); TRUNCATE {copy.Truncate.TotalSeconds:0.0} s, ANALYZE {copy.Analyze.TotalSeconds:0.0} s
                  customers         {c.Customers:N0}, {c.Churned:N0} churned
                  tickets           {c.Tickets:N0}: {c.Solved:N0} solved, {c.Unsolved:N0} unsolved at the end ({Share(c.Unsolved, c.Tickets)}), {c.Reopened:N0} reopened ({Share(c.Reopened, c.Tickets)}), {c.Rated:N0} rated ({Share(c.Rated, c.Tickets)}; {Share(c.RatedGood, c.Rated)} good)
                  comments          {c.AgentComments:N0} by agents, {c.CustomerComments:N0} by customers; {c.Events / (double)Math.Max(1, c.Tickets):0.0} events per ticket
                  events by type    {string.Join(", ", c.ByType.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value:N0}"))}
                """);
            rows.Add($"| events loaded (binary COPY, generated while copying) | {copy.Events:N0} events of {c.Tickets:N0} tickets and {c.Customers:N0} customers in {copy.Elapsed.TotalSeconds:0} s = {copy.PerSecond:N0} events/s | |");
            loaded = true;
            total = copy.Events;
        }

        var metrics = await db.CountTicketMetricsAsync();
        if (!loaded && metrics >= options.Tickets)
            Console.WriteLine($"  the read models hold {metrics:N0} tickets: no rebuild needed");
        else
        {
            if (!loaded)
                Console.WriteLine($"  the read models hold {metrics:N0} tickets only: rebuilding them");
            var (rebuild, took, via) = await RebuildAsync(options);
            if (rebuild is null)
                return true;
            var perSecond = rebuild.Events / Math.Max(took.TotalSeconds, 1e-9);
            Console.WriteLine($"  rebuilt           {rebuild.Events:N0} events into {rebuild.Tickets:N0} tickets, {rebuild.Customers:N0} customers, {rebuild.Answers:N0} answers " +
                $"in {took.TotalSeconds:0.0} s (the service says {rebuild.TookMs / 1000.0:0.0} s) = {perSecond:N0} events/s, {via}");
            rows.Add($"| rebuild (POST /api/analytics/rebuild, {via}) | {rebuild.Events:N0} events in {took.TotalSeconds:0} s = {perSecond:N0} events/s ({rebuild.Tickets:N0} tickets, {rebuild.Customers:N0} customers) | |");
        }

        var (database, eventsTable) = await db.SizesAsync();
        Console.WriteLine($"  database          {Gb(database)} (events table with its indexes {Gb(eventsTable)}); {total:N0} events");
        rows.Add($"| database size (pg_database_size) | {Gb(database)}, of which events {Gb(eventsTable)}; {total:N0} events | |");

        var (first, last) = await db.LoadedSpanAsync(options.Tickets);
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        if (last is { } lastCreated && today - lastCreated > TimeSpan.FromDays(1))
            Console.WriteLine($"  warning: the loaded tickets end on {lastCreated:yyyy-MM-dd}, {(today - lastCreated).TotalDays:0} days ago; the reports ask about the days up to now (--reuse no regenerates the history up to today)");
        else if (first is { } begin && last is { } finish)
            Console.WriteLine($"  tickets created   {begin:yyyy-MM-dd HH:mm} to {finish:yyyy-MM-dd HH:mm} UTC");
        return false;
    }

    private sealed record RebuildResult(long Events, int Tickets, int Customers, int Answers, long TookMs);

    // Through the gateway; when the gateway gives up on the long request (its proxy's 100 s activity timeout, which
    // cancels the rebuild with it), straight at the Analytics service.
    private static async Task<(RebuildResult? Result, TimeSpan Took, string Via)> RebuildAsync(AnalyticsBenchmarkOptions options)
    {
        RebuildResult? result;
        TimeSpan took;
        string? problem;
        if (options.RebuildDirect)
        {
            Console.WriteLine($"  rebuilding the read models: POST {options.AnalyticsService}api/analytics/rebuild (--rebuild-via direct) …");
            using var service = Client(options.AnalyticsService, 1, Timeout.InfiniteTimeSpan, options.Gateway);
            (result, took, problem) = await PostRebuildAsync(service);
            if (result is null)
                Console.Error.WriteLine($"  the rebuild failed: {problem}");
            return (result, took, $"directly at {options.AnalyticsService.Authority}");
        }
        Console.WriteLine($"  rebuilding the read models: POST {options.Gateway}api/analytics/rebuild …");
        using var gateway = Client(options.Gateway, 1, Timeout.InfiniteTimeSpan, options.Gateway);
        (result, took, problem) = await PostRebuildAsync(gateway);
        if (result is not null)
            return (result, took, "through the gateway");
        Console.WriteLine($"  the gateway answered {problem} after {took.TotalSeconds:0} s" + (took >= TimeSpan.FromSeconds(90)
            ? ": YARP gives up on a proxied request idle for 100 s (no HttpRequest.ActivityTimeout is set for the analytics cluster in " +
              "gateway/Support.Gateway/appsettings.json), and the service rolls the rebuild back when the request is cancelled."
            : "."));
        if (problem is not ("502" or "504" or "ResponseEnded" or "Unknown" or "ConnectionError"))
        {
            Console.Error.WriteLine("  the rebuild failed");
            return (null, took, "");
        }
        Console.WriteLine($"  asking the Analytics service directly: POST {options.AnalyticsService}api/analytics/rebuild …");
        using var direct = Client(options.AnalyticsService, 1, Timeout.InfiniteTimeSpan, options.Gateway);
        (result, took, problem) = await PostRebuildAsync(direct);
        if (result is null)
            Console.Error.WriteLine($"  the rebuild failed: {problem}");
        return (result, took, $"directly at {options.AnalyticsService.Authority}: the gateway timed out");
    }

    private static async Task<(RebuildResult? Result, TimeSpan Took, string? Problem)> PostRebuildAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), done.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!done.IsCancellationRequested)
                    Console.WriteLine($"    still rebuilding after {clock.Elapsed.TotalSeconds:0} s …");
            }
        });
        try
        {
            using var response = await http.PostAsync("api/analytics/rebuild", null);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
                    Console.Error.WriteLine($"  POST api/analytics/rebuild answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 1000)]}");
                return (null, clock.Elapsed, ((int)response.StatusCode).ToString());
            }
            return (JsonSerializer.Deserialize<RebuildResult>(text, StoredEvents.Json), clock.Elapsed, null);
        }
        catch (HttpRequestException ex)
        {
            return (null, clock.Elapsed, ex.HttpRequestError.ToString());
        }
        finally
        {
            await done.CancelAsync();
            await progress;
        }
    }

    // 2. The report queries.
    private static async Task<bool> QueriesAsync(AnalyticsBenchmarkOptions options, List<ReportQuery> queries, HttpClient http, List<string> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"2. queries: {options.Clients} clients cycling through {queries.Count} report queries through the gateway, " +
            $"{options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured");
        await PrintLast30DaysAsync(http);

        var load = new ReportQueryLoad(http, queries);
        if (options.Warmup > TimeSpan.Zero)
            await load.RunAsync(options.Clients, TimeSpan.Zero, options.Warmup);
        var loadBefore = LoadAverage();
        var cpu = CpuWindow.Start(options.RunDirectory);
        var (timings, measured) = await load.RunAsync(options.Clients, TimeSpan.Zero, options.Duration);
        var usage = cpu.Stop();

        var ok = timings.Where(t => t.Error is null).ToList();
        var errors = timings.Count - ok.Count;
        var all = new Percentiles(ok.Select(t => t.Ms));
        Console.WriteLine($"  {timings.Count:N0} queries in {measured.TotalSeconds:0.0} s = {timings.Count / measured.TotalSeconds:N1}/s, errors {ErrorText(timings)}");
        Console.WriteLine();
        Console.WriteLine($"  {"query",-22} {"count",6} {"p50",8} {"p90",8} {"p99",8} {"max",8}  {"errors",6} {"KB",7}  target p99 < {TargetQueryP99Ms:0} ms");
        foreach (var (query, kind) in queries.Select((q, i) => (q, i)))
        {
            var mine = timings.Where(t => t.Kind == kind).ToList();
            var good = mine.Where(t => t.Error is null).ToList();
            var p = new Percentiles(good.Select(t => t.Ms));
            var met = p.Count > 0 && p.At(0.99) < TargetQueryP99Ms;
            var kb = good.Count == 0 ? 0 : good.Average(t => t.Bytes) / 1024.0;
            Console.WriteLine($"  {query.Name,-22} {mine.Count,6:N0} {Ms(p, 0.5),8} {Ms(p, 0.9),8} {Ms(p, 0.99),8} {Ms(p, 1),8}  {mine.Count - good.Count,6:N0} {kb,7:N1}  {(met ? "met" : "MISSED")}");
            rows.Add($"| {query.Description} p50 / p90 / p99 / max | {p.Summary} ms ({good.Count:N0} queries{(mine.Count > good.Count ? $", {mine.Count - good.Count:N0} failed" : "")}) | p99 < {TargetQueryP99Ms:0} ms: {(met ? "met" : "**missed**")} |");
        }
        var allMet = all.Count > 0 && all.At(0.99) < TargetQueryP99Ms;
        Console.WriteLine($"  {"all",-22} {timings.Count,6:N0} {Ms(all, 0.5),8} {Ms(all, 0.9),8} {Ms(all, 0.99),8} {Ms(all, 1),8}  {errors,6:N0} {"",7}  {(allMet ? "met" : "MISSED")}");
        Console.WriteLine($"  (ms; each query's time until its whole answer was in; {options.Clients} closed-loop clients, so a slow query delays the others)");
        Console.WriteLine($"  CPU, % of a core  {usage}");
        Console.WriteLine($"  load average      {loadBefore} before, {LoadAverage()} after");
        rows.Add($"| all report queries p50 / p90 / p99 / max | {all.Summary} ms, {timings.Count / measured.TotalSeconds:N1} queries/s, errors {ErrorText(timings)} | p99 < {TargetQueryP99Ms:0} ms: {(allMet ? "met" : "**missed**")} |");
        rows.Add($"| CPU during the queries, % of a core | {usage} | |");
        return timings.Count == 0 || errors > MaxErrorShare * timings.Count;
    }

    // What the generated history looks like to the reports.
    private static async Task PrintLast30DaysAsync(HttpClient http)
    {
        var now = DateTimeOffset.UtcNow;
        var url = $"api/analytics/summary?from={ReportQuery.Instant(now.AddDays(-30))}&to={ReportQuery.Instant(now)}";
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"  GET {url} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            return;
        }
        using var json = JsonDocument.Parse(text);
        var t = json.RootElement.GetProperty("total");
        string F(string name, string format = "0.##") =>
            t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format) : "-";
        Console.WriteLine($"  the last 30 days: created {F("created", "N0")}, solved {F("solved", "N0")}, backlog {F("backlog", "N0")}, " +
            $"first reply median {F("firstReplyMedianMinutes", "0")} min, full resolution median {F("fullResolutionMedianMinutes", "0")} min, " +
            $"CSAT {F("csat")} ({F("csatResponses", "N0")} ratings), reopen rate {F("reopenRate")}, one-touch {F("oneTouchRate")}, sentiment {F("sentiment")}");
    }

    // 3. The lag from publication to report.
    private static async Task<bool> LagAsync(AnalyticsBenchmarkOptions options, EventStoreDatabase db, HttpClient http, List<string> rows)
    {
        Console.WriteLine();
        var firstId = Math.Max(await db.MaxTicketIdAsync(), options.Tickets) + 1;
        var how = options.Delivery == LagDelivery.Publish
            ? "publishing them to their exchanges (Routing and KnowledgeBase consume them too)"
            : $"sending them to the Analytics service's queue {ReportLag.AnalyticsQueue} only";
        Console.WriteLine($"3. lag: {options.Rate:0.#} events/s for {options.LagDuration.TotalSeconds:0.#} s, one in {ReportLag.EventsPerTicket} a TicketCreated (tickets {firstId:N0} on, created now), the others comments on them, {how}, " +
            $"while polling the summary of [now, now + 1 day) every {options.PollInterval.TotalMilliseconds:0} ms through the gateway");
        var loadBefore = LoadAverage();
        var cpu = CpuWindow.Start(options.RunDirectory);
        LagResult lag;
        try
        {
            lag = await new ReportLag(http, options.RabbitMq, options.Delivery).RunAsync(firstId, options.Customers, options.Rate, options.LagDuration,
                options.PollInterval, options.LagWait, options.Seed + 5);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"  the lag phase failed: {ex}");
            rows.Add($"| lag phase | failed: {ex.Message} | |");
            return true;
        }
        var usage = cpu.Stop();
        var recorded = await db.CountRecordedTicketsAsync(firstId, lag.Published + lag.PublishFailed);
        string queued;
        try
        {
            var depths = await QueueDepths.ReadAsync(options.RabbitMq, QueueDepths.TicketCreatedQueues);
            queued = string.Join(", ", depths.Select(d => $"{d.Queue} {d.Messages:N0}"));
            if (depths.Any(d => d.Messages > 0))
                queued += " (the services work these off while they run; stopping the topology leaves them for its next start)";
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
        {
            queued = $"? ({ex.Message})";
        }

        var lags = new Percentiles(lag.LagsMs);
        var polls = new Percentiles(lag.PollMs);
        var met = lags.Count > 0 && lag.NeverSeen == 0 && lags.At(0.99) < TargetLagP99Ms;
        var lost = lag.Published - lag.Counted;
        var rate = lag.Events / lag.PublishElapsed.TotalSeconds;
        Console.WriteLine($"""
              published         {lag.Events:N0} events ({lag.Published:N0} TicketCreated) in {lag.PublishElapsed.TotalSeconds:0.0} s = {rate:N1} events/s{(lag.PublishFailed > 0 ? $", {lag.PublishFailed:N0} failed" : "")} (pacing at most {lag.MaxPacingDelayMs:0.0} ms late)
              polls             {polls.Count:N0} summaries of [{lag.From:yyyy-MM-dd HH:mm:ss}, {lag.To:yyyy-MM-dd HH:mm:ss}), ms p50 / p90 / p99 / max {polls.Summary}{(lag.PollErrors > 0 ? $", {lag.PollErrors} failed" : "")}
              lag ms            p50 {Ms(lags, 0.5)}  p90 {Ms(lags, 0.9)}  p99 {Ms(lags, 0.99)}  max {Ms(lags, 1)}{(lag.NeverSeen > 0 ? $"   ({lag.NeverSeen:N0} never counted, left out)" : "")}   target p99 < {TargetLagP99Ms:0} ms: {(met ? "met" : "MISSED")}
                                (from publication to the return of the first poll counting the event: an upper bound by up to the {options.PollInterval.TotalMilliseconds:0} ms poll interval plus a poll's own time)
              counted           {lag.Counted:N0} of {lag.Published:N0} published{(lag.Baseline != 0 ? $" (the window held {lag.Baseline:N0} before)" : "")}, {lag.Waited.TotalSeconds:0} s after the last publication: {(lost == 0 ? "no event lost" : lost > 0 ? $"{lost:N0} MISSING" : $"{-lost:N0} more than published")}
              event store       {recorded:N0} of these TicketCreated recorded{(recorded < lag.Published ? $"; {lag.Published - recorded:N0} not (still queued, or lost)" : "")}
              still queued      {queued}
              CPU, % of a core  {usage}
              load average      {loadBefore} before, {LoadAverage()} after
            """);
        rows.Add($"| lag, publication to summary, p50 / p90 / p99 / max ({lag.Published:N0} TicketCreated among {lag.Events:N0} events at {rate:N0}/s, {(options.Delivery == LagDelivery.Publish ? "published" : $"sent to {ReportLag.AnalyticsQueue} only")}, polled every {options.PollInterval.TotalMilliseconds:0} ms) | {lags.Summary} ms{(lag.NeverSeen > 0 ? $", {lag.NeverSeen:N0} never counted" : "")} | p99 < {TargetLagP99Ms:0} ms: {(met ? "met" : "**missed**")} |");
        rows.Add($"| summary poll (1 day) p50 / p99 during the lag phase | {Ms(polls, 0.5)} / {Ms(polls, 0.99)} ms | |");
        rows.Add($"| events counted by the summary / recorded / published | {lag.Counted:N0} / {recorded:N0} / {lag.Published:N0} | all |");
        rows.Add($"| CPU during the lag phase, % of a core | {usage} | |");
        return lost != 0 || lag.PublishFailed > 0;
    }

    private static HttpClient Client(Uri baseAddress, int connections, TimeSpan timeout, Uri gateway) => new(GatewayToken.Around(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    }, gateway))
    {
        BaseAddress = baseAddress,
        Timeout = timeout,
    };

    private static async Task<string?> ReadyAsync(HttpClient http, Uri gateway)
    {
        try
        {
            using var ready = await http.GetAsync("health/ready");
            return ready.IsSuccessStatusCode ? null : $"the gateway at {gateway} is not ready: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"the gateway at {gateway} does not answer: {ex.Message}";
        }
    }

    private static string Machine()
    {
        string? Line(string file, string prefix)
        {
            try
            {
                return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            }
            catch (IOException)
            {
                return null;
            }
        }
        var memory = Line("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k) ? $", {k / 1024.0 / 1024.0:0.0} GB memory" : "";
        var cpu = Line("/proc/cpuinfo", "model name") is { } model ? $" ({model})" : "";
        return $"{Environment.ProcessorCount} cores{cpu}{memory}, {Environment.OSVersion}, .NET {Environment.Version}";
    }

    private static string Ms(Percentiles p, double at) => p.Count == 0 ? "-" : $"{p.At(at):0.0}";

    private static string Share(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";

    private static string Gb(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.00} GB" : $"{bytes / (double)(1L << 20):0} MB";

    private static string ErrorText(List<QueryTiming> timings)
    {
        var errors = timings.Where(t => t.Error is not null).GroupBy(t => t.Error!).OrderByDescending(g => g.Count()).ToList();
        return errors.Count == 0 ? "0" : $"{errors.Sum(g => g.Count()):N0} ({string.Join(", ", errors.Select(g => $"{g.Key}: {g.Count():N0}"))})";
    }

    // The 1, 5 and 15 minute load averages, as uptime shows them.
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"analytics benchmark: {message}");
        return 1;
    }
}
