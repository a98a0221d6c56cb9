using System.Globalization;

namespace Support.Benchmarks.Routing;

public enum SaturationMode { Broker, Http, None }

public sealed record RoutingBenchmarkOptions(
    Uri Gateway,
    Uri RabbitMq,
    double Rate,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Agents,
    int Capacity,
    SaturationMode Saturation,
    int Backlog,
    int Clients,
    TimeSpan SaturationDuration,
    TimeSpan EventWait,
    string RunDirectory)
{
    public const string Usage =
        "usage: Support.Benchmarks routing [--gateway URL] [--rabbitmq URI] [--rate N/s] [--duration S] [--warmup S] [--agents N] [--capacity N]\n" +
        "                                  [--saturation broker|http|none] [--backlog N] [--clients N] [--saturation-duration S] [--event-wait S] [--run-dir DIR]";

    public static RoutingBenchmarkOptions Parse(string[] args)
    {
        var options = new RoutingBenchmarkOptions(
            new Uri("http://127.0.0.1:5080"), new Uri("amqp://guest:guest@127.0.0.1:5672/"), Rate: 200, TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(10), Agents: 20, Capacity: 1000, SaturationMode.Broker, Backlog: 6000, Clients: 16,
            TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), BenchmarkOptions.DefaultRunDirectory());

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
                "--rate" => options with { Rate = Positive(name, value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NotNegative(name, value)) },
                "--agents" => options with { Agents = PositiveInt(name, value) },
                "--capacity" => options with { Capacity = PositiveInt(name, value) },
                "--saturation" => options with
                {
                    Saturation = Enum.TryParse<SaturationMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _)
                        ? mode
                        : throw new ArgumentException($"{name} must be broker, http or none"),
                },
                "--backlog" => options with { Backlog = PositiveInt(name, value, max: BrokerSaturation.MaxBacklog) },
                "--clients" => options with { Clients = PositiveInt(name, value) },
                "--saturation-duration" => options with { SaturationDuration = TimeSpan.FromSeconds(Positive(name, value)) },
                "--event-wait" => options with { EventWait = TimeSpan.FromSeconds(NotNegative(name, value)) },
                "--run-dir" => options with { RunDirectory = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return options;
    }

    private static int PositiveInt(string name, string value, int max = int.MaxValue) =>
        int.TryParse(value, out var n) && n > 0 && n <= max ? n : throw new ArgumentException($"{name} must be an integer from 1 to {max}");

    private static double NotNegative(string name, string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : throw new ArgumentException($"{name} must be a number, 0 or more");

    private static double Positive(string name, string value) =>
        NotNegative(name, value) is var s && s > 0 ? s : throw new ArgumentException($"{name} must be more than 0");
}
