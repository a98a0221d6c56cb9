using System.Diagnostics;
using Support.Benchmarks.Routing;

namespace Support.Benchmarks.KnowledgeBase;

/// <summary>
/// The knowledge-base benchmark: makes sure the knowledge base holds the requested number of generated published
/// articles (loading the missing ones through the gateway), then measures search and the answer bot, each on its own,
/// with closed-loop concurrent clients: latency percentiles, throughput, what the queries found, and CPU.
/// </summary>
public static class KbBenchmark
{
    private const double TargetSearchP99Ms = 20;
    private const double MaxErrorShare = 0.01;

    public static async Task<int> RunAsync(string[] args)
    {
        KbBenchmarkOptions options;
        try
        {
            options = KbBenchmarkOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(KbBenchmarkOptions.Usage);
            return 2;
        }

        if (options.Show > 0)
            return Show(options);

        var gateway = await GatewayClient.ConnectAsync(options.Gateway, Math.Max(options.Clients, options.Writers));
        using var http = gateway.Http;
        if (gateway.Problem is { } problem)
            return Fail(problem);

        var rows = new List<string>();
        var failed = false;

        // 1. The articles.
        Console.WriteLine($"Knowledge-base benchmark: {options.Articles:N0} published articles (seed {options.Seed}), gateway {options.Gateway}");
        int existing;
        try
        {
            existing = await ArticleLoader.CountPublishedAsync(http, options.Reuse ? options.Articles : 0);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            return Fail($"cannot count the articles: {ex.Message}");
        }
        if (options.Reuse && existing >= options.Articles)
        {
            Console.WriteLine($"  the knowledge base already holds at least {existing:N0} published articles: not loading (--reuse no loads anyway)");
            rows.Add($"| articles | {existing:N0}+ published, already loaded (reused) | {options.Articles:N0} |");
        }
        else
        {
            var from = options.Reuse ? existing : 0;
            var count = options.Articles - from;
            Console.WriteLine($"  {existing:N0} published articles there; loading {count:N0} (generated articles {from:N0} to {options.Articles - 1:N0}) with {options.Writers} writers");
            var cpu = CpuWindow.Start(options.RunDirectory);
            var load = await ArticleLoader.LoadAsync(http, options.Seed, from, options.Articles, options.Writers);
            var usage = cpu.Stop();
            var latency = new Percentiles(load.LatenciesMs);
            var errors = ErrorText(load.Errors);
            Console.WriteLine($"""
                  loaded            {load.Created:N0} of {count:N0} in {load.Elapsed.TotalSeconds:0.0} s = {load.PerSecond:N1} articles/s ({options.Writers} writers), {load.Failed:N0} failed
                  create latency ms p50 / p90 / p99 / max  {latency.Summary}   (every attempt: errors {errors})
                  CPU, % of a core  {usage}
                """);
            rows.Add($"| articles loaded through the gateway ({options.Writers} writers) | {load.Created:N0} in {load.Elapsed.TotalSeconds:0} s = {load.PerSecond:N0} articles/s, {load.Failed:N0} failed; database now {existing + load.Created:N0}+ | {options.Articles:N0} |");
            rows.Add($"| create latency p50 / p90 / p99 / max | {latency.Summary} ms | |");
            rows.Add($"| CPU while loading, % of a core | {usage} | |");
            if (load.Failed > MaxErrorShare * count)
                failed = true;
        }

        // 2. Warm-up: both endpoints, so that the JIT, the connection pools and PostgreSQL's caches have settled.
        if (options.Warmup > TimeSpan.Zero && (options.Search || options.Answers))
        {
            Console.WriteLine($"  warming up for {options.Warmup.TotalSeconds:0} s with {options.Clients} clients (searches and questions) …");
            await new QueryLoad(http, options.Clients).RunAsync(QueryTarget.Both, TimeSpan.Zero, options.Warmup, seed: options.Seed + 1000);
        }

        // 3. The measured phases.
        if (options.Search)
        {
            if (options.Single > TimeSpan.Zero)
                failed |= await PhaseAsync("search", QueryTarget.Search, options.Seed + 2000, 1, options.Single);
            failed |= await PhaseAsync("search", QueryTarget.Search, options.Seed + 2000, options.Clients, options.Duration);
        }
        if (options.Answers)
        {
            if (options.Single > TimeSpan.Zero)
                failed |= await PhaseAsync("answers", QueryTarget.Answers, options.Seed + 3000, 1, options.Single);
            failed |= await PhaseAsync("answers", QueryTarget.Answers, options.Seed + 3000, options.Clients, options.Duration);
        }

        Console.WriteLine();
        Console.WriteLine($"| Knowledge-base benchmark ({options.Articles:N0} articles, {options.Clients} clients, {options.Duration.TotalSeconds:0} s per phase, {Environment.ProcessorCount} cores) | result | target |");
        Console.WriteLine("|---|---|---|");
        foreach (var row in rows)
            Console.WriteLine(row);
        if (failed)
            Console.Error.WriteLine($"kb benchmark: more than {MaxErrorShare:P0} of the articles to load, or of a phase's requests, failed");
        return failed ? 1 : 0;

        async Task<bool> PhaseAsync(string phase, QueryTarget target, int seed, int clientCount, TimeSpan duration)
        {
            var alone = clientCount == 1 && options.Clients != 1;
            var name = alone ? $"{phase}, 1 client alone" : phase;
            var loadBefore = LoadAverage();
            var cpu = CpuWindow.Start(options.RunDirectory);
            var (clients, measured) = await new QueryLoad(http, clientCount).RunAsync(target, TimeSpan.Zero, duration, seed);
            var usage = cpu.Stop();
            var samples = clients.SelectMany(c => c.Samples).ToList();
            var errorCounts = clients.SelectMany(c => c.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
            var errorCount = errorCounts.Values.Sum();
            var all = new Percentiles(samples.Select(s => s.Ms));
            var perSecond = samples.Count / measured.TotalSeconds;
            var found = samples.Count == 0 ? 0 : samples.Count(s => s.Results > 0) / (double)samples.Count;
            var meanResults = samples.Count == 0 ? 0 : samples.Average(s => s.Results);
            var byKind = samples.GroupBy(s => s.Kind).OrderBy(g => g.Key)
                .Select(g => (Kind: g.Key, Count: g.Count(), Latency: new Percentiles(g.Select(s => s.Ms)), Found: g.Count(s => s.Results > 0) / (double)g.Count()))
                .ToList();
            var met = target != QueryTarget.Search || alone || (all.Count > 0 && all.At(0.99) < TargetSearchP99Ms);

            Console.WriteLine();
            Console.WriteLine($"  {name}: {samples.Count:N0} in {measured.TotalSeconds:0.0} s = {perSecond:N1}/s with {clientCount} client{(clientCount == 1 ? "" : "s")}, errors {ErrorText(errorCounts)}");
            Console.WriteLine($"    latency ms p50 / p90 / p99 / max  {all.Summary}{(target == QueryTarget.Search && !alone ? $"   target p99 < {TargetSearchP99Ms:0} ms: {(met ? "met" : "MISSED")}" : "")}");
            foreach (var k in byKind)
                Console.WriteLine($"      {KindName(k.Kind),-22} {k.Count,7:N0}  {k.Latency.Summary}   found something: {k.Found:P0}");
            if (alone)
            {
                Console.WriteLine($"    {found:P0} found something; CPU, % of a core  {usage}");
                rows.Add($"| {name} (no queueing) p50 / p90 / p99 / max | {all.Summary} ms, {perSecond:N0}/s | |");
                return errorCount > MaxErrorShare * (samples.Count + errorCount) || samples.Count == 0;
            }
            if (target == QueryTarget.Answers)
            {
                var handoff = samples.Count == 0 ? 0 : samples.Count(s => s.Handoff) / (double)samples.Count;
                var confidence = samples.Count == 0 ? 0 : samples.Average(s => s.Confidence);
                Console.WriteLine($"    answers: {found:P0} with an article (mean {meanResults:0.0}), mean top confidence {confidence:0.00}, handed off {handoff:P0}");
                rows.Add($"| answers ({options.Clients} clients) p50 / p90 / p99 / max | {all.Summary} ms | |");
                rows.Add($"| answers/s ({options.Clients} clients, closed loop), errors | {perSecond:N0}/s, {ErrorText(errorCounts)} | |");
                rows.Add($"| answers with an article / handed off / mean top confidence | {found:P0} / {handoff:P0} / {confidence:0.00} | |");
            }
            else
            {
                Console.WriteLine($"    searches: {found:P0} found something (mean {meanResults:0.0} results)");
                rows.Add($"| search ({options.Clients} clients) p50 / p90 / p99 / max | {all.Summary} ms | p99 < {TargetSearchP99Ms:0} ms: {(met ? "met" : "**missed**")} |");
                rows.Add($"| searches/s ({options.Clients} clients, closed loop), errors | {perSecond:N0}/s, {ErrorText(errorCounts)} | |");
                rows.Add($"| searches that found something (mean results) | {found:P0} ({meanResults:0.0}) | |");
                foreach (var k in byKind)
                    rows.Add($"| … {KindName(k.Kind)} ({k.Count * 100.0 / samples.Count:0}%) p50 / p90 / p99 / max | {k.Latency.Summary} ms | |");
            }
            Console.WriteLine($"    CPU, % of a core  {usage}");
            Console.WriteLine($"    load average      {loadBefore} before, {LoadAverage()} after");
            rows.Add($"| CPU during {name}, % of a core | {usage} | |");
            return errorCount > MaxErrorShare * (samples.Count + errorCount) || samples.Count == 0;
        }
    }

    // What the generators make, without a gateway: to read, and to check that a seed gives the same text.
    private static int Show(KbBenchmarkOptions options)
    {
        for (var i = 0; i < options.Show; i++)
        {
            var a = ArticleGenerator.Generate(options.Seed, i);
            Console.WriteLine($"--- article {i} ({a.Locale}, tags {string.Join(", ", a.Tags)})\n# {a.Title}\n_{a.Summary}_\n\n{a.Body}");
        }
        var queries = new QueryGenerator(new Random(options.Seed));
        Console.WriteLine("--- searches");
        for (var i = 0; i < options.Show; i++)
        {
            var q = queries.NextSearch();
            Console.WriteLine($"{q.Locale,-5} {KindName(q.Kind),-22} {q.Text}");
        }
        Console.WriteLine("--- questions");
        for (var i = 0; i < options.Show; i++)
        {
            var q = queries.NextQuestion();
            Console.WriteLine($"{q.Locale,-5} {KindName(q.Kind),-22} {q.Text}");
        }
        return 0;
    }

    private static string KindName(QueryKind kind) => kind switch
    {
        QueryKind.English => "English",
        QueryKind.EnglishTypo => "English with a typo",
        QueryKind.Chinese => "Chinese",
        QueryKind.ChineseTypo => "Chinese with a typo",
        QueryKind.Mixed => "Chinese + English word",
        _ => kind.ToString(),
    };

    private static string ErrorText(Dictionary<string, int> errors)
    {
        var count = errors.Values.Sum();
        return count == 0 ? "0" : $"{count:N0} ({string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value:N0}"))})";
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
        Console.Error.WriteLine($"kb benchmark: {message}");
        return 1;
    }
}
