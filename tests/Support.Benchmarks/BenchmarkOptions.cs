namespace Support.Benchmarks;

public sealed record BenchmarkOptions(
    Uri Gateway,
    int Clients,
    TimeSpan Duration,
    TimeSpan Warmup,
    Uri RabbitMq,
    TimeSpan EventWait,
    string RunDirectory)
{
    public const string Usage =
        "usage: Support.Benchmarks [--gateway URL] [--clients N] [--duration S] [--warmup S] [--rabbitmq URI] [--event-wait S] [--run-dir DIR]\n" +
        "       Support.Benchmarks routing …   (the routing benchmark, Routing/RoutingBenchmarkOptions.cs)\n" +
        "       Support.Benchmarks kb …        (the knowledge-base benchmark, KnowledgeBase/KbBenchmarkOptions.cs)\n" +
        "       Support.Benchmarks system …    (the whole-system benchmark, System/SystemBenchmarkOptions.cs)";

    public static BenchmarkOptions Parse(string[] args)
    {
        var gateway = new Uri("http://127.0.0.1:5080");
        var clients = 16;
        var duration = 20.0;
        var warmup = 3.0;
        var rabbitMq = new Uri("amqp://guest:guest@127.0.0.1:5672/");
        var eventWait = 15.0;
        string? runDirectory = null;

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--gateway": gateway = new Uri(value); break;
                case "--clients": clients = PositiveInt(name, value); break;
                case "--duration": duration = PositiveSeconds(name, value); break;
                case "--warmup": warmup = Seconds(name, value); break;
                case "--rabbitmq": rabbitMq = new Uri(value); break;
                case "--event-wait": eventWait = Seconds(name, value); break;
                case "--run-dir": runDirectory = value; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        return new BenchmarkOptions(gateway, clients, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), rabbitMq,
            TimeSpan.FromSeconds(eventWait), runDirectory ?? DefaultRunDirectory());
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer");

    private static double Seconds(string name, string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
            ? s
            : throw new ArgumentException($"{name} must be a number of seconds");

    private static double PositiveSeconds(string name, string value) =>
        Seconds(name, value) is var s && s > 0 ? s : throw new ArgumentException($"{name} must be more than 0 seconds");

    // .run/ at the repository root (the folder holding Support.sln), searched upwards from the working directory.
    public static string DefaultRunDirectory()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Support.sln")))
                return Path.Combine(dir.FullName, ".run");
        }
        return Path.Combine(Environment.CurrentDirectory, ".run");
    }
}
