using System.Globalization;

namespace Support.Benchmarks.Faults;

public sealed record FaultSuiteOptions(
    Uri Gateway,
    double Rate,
    TimeSpan Warmup,
    TimeSpan Gap,
    TimeSpan BrokerOutage,
    TimeSpan DrainWait,
    string[] Faults,
    string Inject,
    string Postgres)
{
    public const string Usage =
        "usage: Support.Benchmarks faults --inject PATH [--gateway URL] [--rate N/s] [--warmup S] [--gap S] [--broker-outage S]\n" +
        "                                 [--drain-wait S] [--faults kill:ticket,broker,postgres,kill:gateway,sigterm-without-broker:ticket,…] [--postgres CONNECTION]";

    public static readonly string[] AllFaults =
    [
        "kill:ticket", "kill:routing", "kill:kb", "kill:analytics", "broker", "postgres", "kill:gateway",
        "sigterm-without-broker:ticket", "sigterm-without-postgres:kb",
    ];

    public static FaultSuiteOptions Parse(string[] args)
    {
        var options = new FaultSuiteOptions(new Uri("http://127.0.0.1:5180"), Rate: 20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(180), AllFaults, Inject: "",
            "Host=127.0.0.1;Port=5433;Username=support;Password=support;SslMode=Disable");
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            options = name switch
            {
                "--gateway" => options with { Gateway = new Uri(value) },
                "--rate" => options with { Rate = Positive(name, value) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(name, value)) },
                "--gap" => options with { Gap = TimeSpan.FromSeconds(Positive(name, value)) },
                "--broker-outage" => options with { BrokerOutage = TimeSpan.FromSeconds(Positive(name, value)) },
                "--drain-wait" => options with { DrainWait = TimeSpan.FromSeconds(Positive(name, value)) },
                "--faults" => options with { Faults = ParseFaults(value) },
                "--inject" => options with { Inject = value },
                "--postgres" => options with { Postgres = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (options.Inject == "")
            throw new ArgumentException("--inject (the path of deploy/fault/inject.sh) is required");
        return options;
    }

    private static string[] ParseFaults(string value)
    {
        var faults = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var fault in faults)
        {
            var kind = fault.Split(':')[0];
            if (fault is not ("broker" or "postgres") && !(kind is "kill" or "sigterm-without-broker" or "sigterm-without-postgres" && fault.Contains(':')))
                throw new ArgumentException($"--faults: unknown fault {fault} (kill:NAME, broker, postgres, sigterm-without-broker:NAME, sigterm-without-postgres:NAME)");
        }
        return faults;
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive number");
}
