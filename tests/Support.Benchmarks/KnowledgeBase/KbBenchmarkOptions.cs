using System.Globalization;

namespace Support.Benchmarks.KnowledgeBase;

public sealed record KbBenchmarkOptions(
    Uri Gateway,
    int Articles,
    int Writers,
    bool Reuse,
    int Seed,
    int Clients,
    TimeSpan Warmup,
    TimeSpan Duration,
    bool Search,
    bool Answers,
    string RunDirectory,
    TimeSpan Single,
    int Show = 0)
{
    public const string Usage =
        "usage: Support.Benchmarks kb [--gateway URL] [--articles N] [--writers N] [--reuse yes|no] [--seed N]\n" +
        "                             [--clients N] [--warmup S] [--duration S] [--single S] [--phases search,answers] [--run-dir DIR]\n" +
        "       Support.Benchmarks kb --show N   (prints N generated articles, searches and questions, and stops)\n" +
        "  --articles N   published articles the knowledge base should hold (default 100000); with --reuse yes (the default)\n" +
        "                 the ones already there count, and only the missing ones are loaded\n" +
        "  --writers N    concurrent clients loading articles (default 8)\n" +
        "  --clients N    concurrent clients searching or asking (default 16); --duration S is measured per phase (default 30)\n" +
        "  --single S     each phase first measures one client alone for S seconds (default 10; 0: not), the latency without queueing";

    public static KbBenchmarkOptions Parse(string[] args)
    {
        var options = new KbBenchmarkOptions(
            new Uri("http://127.0.0.1:5080"), Articles: 100_000, Writers: 8, Reuse: true, Seed: 1, Clients: 16,
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), Search: true, Answers: true, BenchmarkOptions.DefaultRunDirectory(),
            Single: TimeSpan.FromSeconds(10));

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--gateway" => options with { Gateway = new Uri(value) },
                "--articles" => options with { Articles = Int(name, value, min: 0) },
                "--writers" => options with { Writers = Int(name, value, min: 1) },
                "--reuse" => options with
                {
                    Reuse = value switch { "yes" or "true" => true, "no" or "false" => false, _ => throw new ArgumentException($"{name} must be yes or no") },
                },
                "--seed" => options with { Seed = Int(name, value, min: 0) },
                "--clients" => options with { Clients = Int(name, value, min: 1) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Seconds(name, value, positive: false)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Seconds(name, value, positive: true)) },
                "--single" => options with { Single = TimeSpan.FromSeconds(Seconds(name, value, positive: false)) },
                "--phases" => Phases(options, name, value),
                "--run-dir" => options with { RunDirectory = value },
                "--show" => options with { Show = Int(name, value, min: 1) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return options;
    }

    private static KbBenchmarkOptions Phases(KbBenchmarkOptions options, string name, string value)
    {
        var phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (phases.Length == 0 || phases.Any(p => p is not ("search" or "answers" or "none")))
            throw new ArgumentException($"{name} must be search, answers, search,answers or none");
        return options with { Search = phases.Contains("search"), Answers = phases.Contains("answers") };
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be an integer, {min} or more");

    private static double Seconds(string name, string value, bool positive) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var s) && (positive ? s > 0 : s >= 0)
            ? s
            : throw new ArgumentException($"{name} must be a number of seconds{(positive ? ", more than 0" : "")}");
}
