using System.Globalization;

namespace Support.Benchmarks.SystemBench;

/// <summary>
/// Shares of the benchmark's tickets that get each follow-up: a public agent reply, a change to solved, a satisfaction
/// rating (only a solved ticket can be rated, so the rated ones are picked among the solved ones).
/// </summary>
public sealed record LoadMix(double Replied, double Solved, double Rated)
{
    public override string ToString() => $"{Replied:P0} replied, {Solved:P0} solved, {Rated:P0} rated";

    /// <summary>"0.5,0.4,0.2" or "50,40,20" (percent).</summary>
    public static LoadMix Parse(string value)
    {
        var parts = value.Split(',');
        if (parts.Length != 3 || parts.Any(p => !double.TryParse(p, CultureInfo.InvariantCulture, out _)))
            throw new ArgumentException("--mix must be three shares: replied,solved,rated (e.g. 0.5,0.4,0.2 or 50,40,20)");
        var shares = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (shares.Any(s => s > 1))
            shares = shares.Select(s => s / 100).ToArray();
        if (shares.Any(s => s is < 0 or > 1))
            throw new ArgumentException("--mix shares must be between 0 and 1 (or 0 and 100 %)");
        if (shares[2] > shares[1])
            throw new ArgumentException("--mix: the rated share cannot be larger than the solved share (only solved tickets are rated)");
        return new LoadMix(shares[0], shares[1], shares[2]);
    }
}

public sealed record SystemBenchmarkOptions(
    Uri Gateway,
    Uri RabbitMq,
    string Postgres,
    double? Rate,
    int? Clients,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Agents,
    LoadMix Mix,
    bool Reset,
    TimeSpan DrainWait,
    TimeSpan FollowUpDelay,
    string RunDirectory)
{
    public const string Usage =
        "usage: Support.Benchmarks system [--rate N/s | --clients N] [--duration S (60)] [--warmup S (10)] [--agents N (20)]\n" +
        "                                 [--mix REPLIED,SOLVED,RATED (0.5,0.4,0.2)] [--reset yes|no (yes)] [--drain-wait S (120)]\n" +
        "                                 [--follow-up-delay S (1)] [--gateway URL] [--rabbitmq URI] [--postgres CONNECTION] [--run-dir DIR]\n" +
        "  --rate: new tickets per second, paced (open loop); --clients: that many clients, each as fast as answered (closed loop);\n" +
        "  neither: --rate 25.";

    public string LoadText => Rate is { } rate ? $"{rate:0.#} new tickets/s paced (open loop)" : $"{Clients} clients, closed loop";

    public static SystemBenchmarkOptions Parse(string[] args)
    {
        var options = new SystemBenchmarkOptions(
            new Uri("http://127.0.0.1:5080"), new Uri("amqp://guest:guest@127.0.0.1:5672/"),
            "Host=127.0.0.1;Username=support;Password=support;SslMode=Disable", Rate: null, Clients: null,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), Agents: 20, new LoadMix(0.5, 0.4, 0.2), Reset: true,
            TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1), BenchmarkOptions.DefaultRunDirectory());

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--gateway" => options with { Gateway = new Uri(value) },
                "--rabbitmq" => options with { RabbitMq = new Uri(value) },
                "--postgres" => options with { Postgres = value },
                "--rate" => options with { Rate = Positive(name, value) },
                "--clients" => options with { Clients = (int)Positive(name, value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NotNegative(name, value)) },
                "--agents" => options with { Agents = (int)Positive(name, value) },
                "--mix" => options with { Mix = LoadMix.Parse(value) },
                "--reset" => options with
                {
                    Reset = value switch { "yes" => true, "no" => false, _ => throw new ArgumentException("--reset must be yes or no") },
                },
                "--drain-wait" => options with { DrainWait = TimeSpan.FromSeconds(NotNegative(name, value)) },
                "--follow-up-delay" => options with { FollowUpDelay = TimeSpan.FromSeconds(NotNegative(name, value)) },
                "--run-dir" => options with { RunDirectory = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (options.Rate is not null && options.Clients is not null)
            throw new ArgumentException("--rate and --clients are two kinds of load: give one");
        return options.Rate is null && options.Clients is null ? options with { Rate = 25 } : options;
    }

    private static double NotNegative(string name, string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : throw new ArgumentException($"{name} must be a number, 0 or more");

    private static double Positive(string name, string value) =>
        NotNegative(name, value) is var s && s > 0 ? s : throw new ArgumentException($"{name} must be more than 0");
}
