using System.Globalization;

namespace Support.Benchmarks.Analytics;

public sealed record AnalyticsBenchmarkOptions(
    int Tickets,
    int Customers,
    int Days,
    int Seed,
    bool Reuse,
    int Clients,
    TimeSpan Warmup,
    TimeSpan Duration,
    double Rate,
    TimeSpan LagDuration,
    TimeSpan LagWait,
    TimeSpan PollInterval,
    LagDelivery Delivery,
    Uri Gateway,
    Uri AnalyticsService,
    bool RebuildDirect,
    string Postgres,
    Uri RabbitMq,
    bool Load,
    bool Queries,
    bool Lag,
    IReadOnlyList<string> Kinds,
    string RunDirectory)
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Database=support_analytics;Username=support;Password=support;SslMode=Disable";

    public static string Usage =>
        "usage: Support.Benchmarks analytics [--tickets N] [--customers N] [--days N] [--seed N] [--reuse yes|no]\n" +
        "                                    [--clients N] [--warmup S] [--duration S] [--kinds K,K,…]\n" +
        "                                    [--rate N/s] [--lag-duration S] [--lag-wait S] [--poll-ms MS] [--lag-delivery publish|queue]\n" +
        "                                    [--gateway URL] [--analytics URL] [--rebuild-via gateway|direct] [--postgres CONNECTION] [--rabbitmq URI]\n" +
        "                                    [--phases load,queries,lag] [--run-dir DIR]\n" +
        "  --tickets N        tickets whose events the event store should hold (default 1000000); with --reuse yes (the default)\n" +
        "                     an event store already holding at least N TicketCreated is kept, else it is emptied and loaded\n" +
        "  --customers N      customers the tickets' requesters are drawn from (default 50000)\n" +
        "  --days N           the history's length, ending at today's midnight UTC (default 365)\n" +
        "  --seed N           the generator's seed (default 42)\n" +
        "  --clients N        concurrent report clients (default 4); --warmup S (default 5) then --duration S measured (default 30)\n" +
        $"  --kinds K,…        the report queries to cycle through (default all): {string.Join(", ", ReportQuery.All.Select(q => q.Name))}\n" +
        "  --rate N           TicketCreated published per second in the lag phase (default 200), for --lag-duration S (default 60);\n" +
        "                     the summary is polled every --poll-ms MS (default 50) until it counts them all or its count stands still\n" +
        "                     for --lag-wait S (default 30); --lag-delivery publish (default) publishes them to TicketCreated's exchange\n" +
        "                     like the Ticket service (Routing and KnowledgeBase consume them too), queue sends them to the Analytics\n" +
        "                     service's queue only\n" +
        "  --rebuild-via V    gateway (default): POST /api/analytics/rebuild through the gateway, and straight to the Analytics service\n" +
        "                     (--analytics URL, default http://127.0.0.1:5104) when the gateway gives up on it (its proxy's 100 s\n" +
        "                     timeout, which also cancels the rebuild); direct: straight to the service\n" +
        "  --postgres CONN    the Analytics service's database (default " + DefaultPostgres + ")";

    public static AnalyticsBenchmarkOptions Parse(string[] args)
    {
        var options = new AnalyticsBenchmarkOptions(
            Tickets: 1_000_000, Customers: 50_000, Days: 365, Seed: 42, Reuse: true, Clients: 4,
            Warmup: TimeSpan.FromSeconds(5), Duration: TimeSpan.FromSeconds(30), Rate: 200, LagDuration: TimeSpan.FromSeconds(60),
            LagWait: TimeSpan.FromSeconds(30), PollInterval: TimeSpan.FromMilliseconds(50), Delivery: LagDelivery.Publish,
            Gateway: new Uri("http://127.0.0.1:5080"), AnalyticsService: new Uri("http://127.0.0.1:5104"), RebuildDirect: false, Postgres: DefaultPostgres,
            RabbitMq: new Uri("amqp://guest:guest@127.0.0.1:5672/"), Load: true, Queries: true, Lag: true,
            Kinds: ReportQuery.All.Select(q => q.Name).ToList(), BenchmarkOptions.DefaultRunDirectory());

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--tickets" => options with { Tickets = Int(name, value, min: 1) },
                "--customers" => options with { Customers = Int(name, value, min: 1) },
                "--days" => options with { Days = Int(name, value, min: 1) },
                "--seed" => options with { Seed = Int(name, value, min: 0) },
                "--reuse" => options with
                {
                    Reuse = value switch { "yes" or "true" => true, "no" or "false" => false, _ => throw new ArgumentException($"{name} must be yes or no") },
                },
                "--clients" => options with { Clients = Int(name, value, min: 1) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number(name, value, positive: false)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(name, value, positive: true)) },
                "--kinds" => options with { Kinds = ReadKinds(name, value) },
                "--rate" => options with { Rate = Number(name, value, positive: true) },
                "--lag-duration" => options with { LagDuration = TimeSpan.FromSeconds(Number(name, value, positive: true)) },
                "--lag-wait" => options with { LagWait = TimeSpan.FromSeconds(Number(name, value, positive: false)) },
                "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(Number(name, value, positive: true)) },
                "--lag-delivery" => options with
                {
                    Delivery = value switch
                    {
                        "publish" => LagDelivery.Publish,
                        "queue" => LagDelivery.Queue,
                        _ => throw new ArgumentException($"{name} must be publish or queue"),
                    },
                },
                "--gateway" => options with { Gateway = new Uri(value) },
                "--analytics" => options with { AnalyticsService = new Uri(value) },
                "--rebuild-via" => options with
                {
                    RebuildDirect = value switch
                    {
                        "gateway" => false,
                        "direct" => true,
                        _ => throw new ArgumentException($"{name} must be gateway or direct"),
                    },
                },
                "--postgres" => options with { Postgres = value },
                "--rabbitmq" => options with { RabbitMq = new Uri(value) },
                "--phases" => ReadPhases(options, name, value),
                "--run-dir" => options with { RunDirectory = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if ((long)options.Tickets * 2 > int.MaxValue)
            throw new ArgumentException("--tickets is too large");
        return options;
    }

    public string Phases() =>
        string.Join(",", new[] { (Load, "load"), (Queries, "queries"), (Lag, "lag") }.Where(p => p.Item1).Select(p => p.Item2)) is { Length: > 0 } list ? list : "none";

    /// <summary>The options as one line, to print with the figures.</summary>
    public string Describe() =>
        $"--tickets {Tickets} --customers {Customers} --days {Days} --seed {Seed} --reuse {(Reuse ? "yes" : "no")} " +
        $"--clients {Clients} --warmup {Warmup.TotalSeconds:0.#} --duration {Duration.TotalSeconds:0.#} --kinds {string.Join(",", Kinds)} " +
        $"--rate {Rate:0.#} --lag-duration {LagDuration.TotalSeconds:0.#} --lag-wait {LagWait.TotalSeconds:0.#} --poll-ms {PollInterval.TotalMilliseconds:0.#} " +
        $"--lag-delivery {Delivery.ToString().ToLowerInvariant()} " +
        $"--gateway {Gateway} --analytics {AnalyticsService} --rebuild-via {(RebuildDirect ? "direct" : "gateway")} --rabbitmq {RabbitMq.Scheme}://{RabbitMq.Host}:{RabbitMq.Port}{RabbitMq.AbsolutePath} " +
        $"--phases {Phases()}";

    private static AnalyticsBenchmarkOptions ReadPhases(AnalyticsBenchmarkOptions options, string name, string value)
    {
        var phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (phases.Length == 0 || phases.Any(p => p is not ("load" or "queries" or "lag" or "none")))
            throw new ArgumentException($"{name} must be a comma-separated list of load, queries and lag (or none)");
        return options with { Load = phases.Contains("load"), Queries = phases.Contains("queries"), Lag = phases.Contains("lag") };
    }

    private static List<string> ReadKinds(string name, string value)
    {
        var kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (value == "all")
            return ReportQuery.All.Select(q => q.Name).ToList();
        var unknown = kinds.Where(k => ReportQuery.All.All(q => q.Name != k)).ToList();
        if (kinds.Count == 0 || unknown.Count > 0)
            throw new ArgumentException($"{name} must be all or a comma-separated list of: {string.Join(", ", ReportQuery.All.Select(q => q.Name))}");
        return kinds;
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be an integer, {min} or more");

    private static double Number(string name, string value, bool positive) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var s) && (positive ? s > 0 : s >= 0)
            ? s
            : throw new ArgumentException($"{name} must be a number{(positive ? ", more than 0" : ", 0 or more")}");
}
