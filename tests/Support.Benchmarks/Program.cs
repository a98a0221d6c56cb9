using System.Diagnostics;
using System.Globalization;
using System.Net;
using RabbitMQ.Client.Exceptions;
using Support.Benchmarks;
using Support.Benchmarks.Analytics;
using Support.Benchmarks.Channels;
using Support.Benchmarks.Faults;
using Support.Benchmarks.KnowledgeBase;
using Support.Benchmarks.Routing;

// Creates tickets through the gateway with N concurrent clients and measures throughput, HTTP latency, how long
// TicketCreated takes to reach a RabbitMQ subscriber, and the topology's CPU and peak memory.
// `routing` as the first argument runs the routing benchmark instead (Routing/RoutingBenchmark.cs), `kb` the
// knowledge-base benchmark (KnowledgeBase/KbBenchmark.cs), `analytics` the Analytics benchmark (Analytics/AnalyticsBenchmark.cs),
// `channels` the Channels benchmark (Channels/ChannelsBenchmark.cs), `automation` the Automation benchmark (Automation/AutomationBenchmark.cs), `faults` the fault suite's driver (Faults/FaultSuite.cs, run by deploy/fault/fault-suite.sh),
// `system` the whole-system benchmark (System/SystemBenchmark.cs, run by deploy/bench/system-bench.sh),
// `ml` the ML.NET comparison (MachineLearning/MlBenchmark.cs: classifiers and k-means, in process, no servers).

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.FirstOrDefault() == "routing")
    return await RoutingBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "kb")
    return await KbBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "analytics")
    return await AnalyticsBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "channels")
    return await ChannelsBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "automation")
    return await Support.Benchmarks.Automation.AutomationBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "faults")
    return await FaultSuite.RunAsync(args[1..]);
if (args.FirstOrDefault() == "system")
    return await Support.Benchmarks.SystemBench.SystemBenchmark.RunAsync(args[1..]);
if (args.FirstOrDefault() == "ml")
    return Support.Benchmarks.MachineLearning.MlBenchmark.Run(args[1..]);

const double TargetTicketsPerSecond = 1_000;
const double TargetP99Ms = 50;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var gateway = await GatewayClient.ConnectAsync(options.Gateway, options.Clients);
using var http = gateway.Http;
if (gateway.Problem is { } problem)
    return Fail(problem);

TicketCreatedSubscriber subscriber;
try
{
    subscriber = await TicketCreatedSubscriber.StartAsync(options.RabbitMq);
}
catch (BrokerUnreachableException ex)
{
    return Fail($"RabbitMQ at {options.RabbitMq.Host}:{options.RabbitMq.Port} is unreachable: {ex.InnerException?.Message ?? ex.Message}");
}

await using (subscriber)
{
    Console.WriteLine($"Ticket benchmark: {options.Clients} clients, {options.Warmup.TotalSeconds:0.#} s warm-up, " +
        $"{options.Duration.TotalSeconds:0.#} s measured, gateway {options.Gateway}");

    var load = new TicketLoad(http, options.Clients).RunAsync(options.Warmup, options.Duration);
    await Task.Delay(options.Warmup);
    var cpuClock = Stopwatch.StartNew();
    var machineBefore = LocalProcesses.MachineCpu();
    var cpuBefore = LocalProcesses.CpuTimes(LocalProcesses.Find(options.RunDirectory));

    var (clients, measured) = await load;

    var groups = LocalProcesses.Find(options.RunDirectory);
    var cpuAfter = LocalProcesses.CpuTimes(groups);
    var machineAfter = LocalProcesses.MachineCpu();
    var cpuWall = cpuClock.Elapsed;

    var ticketIds = clients.SelectMany(c => c.TicketIds).ToList();
    var delivered = await subscriber.WaitForAsync(ticketIds, options.EventWait);

    var latencies = Sorted(clients.SelectMany(c => c.LatenciesMs));
    var eventLatencies = Sorted(subscriber.LatenciesMs(ticketIds));
    var errors = clients.SelectMany(c => c.Errors)
        .GroupBy(e => e.Key, e => e.Value)
        .Select(g => (Kind: g.Key, Count: g.Sum()))
        .OrderByDescending(e => e.Count)
        .ToList();
    var errorCount = errors.Sum(e => e.Count);
    var ticketsPerSecond = ticketIds.Count / measured.TotalSeconds;
    // All cores together, in % of one core like the processes' figures.
    var machineCpu = 100.0 * Environment.ProcessorCount * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total);
    var processes = groups.Select(g => (
            g.Name,
            PeakMb: LocalProcesses.PeakMb(g),
            AllNowMb: g.AllPids.Length > 1 ? LocalProcesses.CurrentTotalMb(g) : (double?)null,
            Cpu: LocalProcesses.CpuPercent(g, cpuBefore, cpuAfter, cpuWall)))
        .ToList();
    var otherCpu = Math.Max(0, machineCpu - processes.Sum(p => p.Cpu));

    var met = ticketsPerSecond >= TargetTicketsPerSecond && Percentile(latencies, 0.99) < TargetP99Ms && delivered == ticketIds.Count;

    string Ms(List<double> sorted, double p) => sorted.Count == 0 ? "-" : $"{Percentile(sorted, p):0.0}";
    string Memory((string Name, double? PeakMb, double? AllNowMb, double Cpu) p) =>
        (p.PeakMb is { } peak ? $"{peak:0} MB" : "-") + (p.AllNowMb is { } all ? $" (all processes now: {all:0} MB)" : "");
    var errorText = errorCount == 0 ? "0" : $"{errorCount:N0} ({string.Join(", ", errors.Select(e => $"{e.Kind}: {e.Count:N0}"))})";
    var verdict = met ? "met" : "MISSED";

    Console.WriteLine($"""

          tickets created   {ticketIds.Count:N0} in {measured.TotalSeconds:0.0} s = {ticketsPerSecond:N1} tickets/s
          HTTP latency ms   p50 {Ms(latencies, 0.50)}  p90 {Ms(latencies, 0.90)}  p99 {Ms(latencies, 0.99)}  max {Ms(latencies, 1)}
          errors            {errorText} of {latencies.Count:N0} requests
          TicketCreated     {delivered:N0} / {ticketIds.Count:N0} delivered{(subscriber.Unreadable > 0 ? $", {subscriber.Unreadable} unreadable" : "")}
          event latency ms  p50 {Ms(eventLatencies, 0.50)}  p90 {Ms(eventLatencies, 0.90)}  p99 {Ms(eventLatencies, 0.99)}  max {Ms(eventLatencies, 1)}
          CPU, % of a core  {string.Join(", ", processes.Select(p => $"{p.Name} {p.Cpu:0}"))}, other processes {otherCpu:0}; machine {machineCpu:0} of {Environment.ProcessorCount * 100}
          peak memory       {string.Join(", ", processes.Select(p => $"{p.Name} {Memory(p)}"))}
          target            >= {TargetTicketsPerSecond:N0} tickets/s, p99 < {TargetP99Ms:0} ms, every event delivered: {verdict}

        | Ticket benchmark ({options.Clients} clients, {options.Duration.TotalSeconds:0.#} s, {Environment.ProcessorCount} cores) | result | target |
        |---|---|---|
        | tickets created | {ticketsPerSecond:N0} tickets/s ({ticketIds.Count:N0} in {measured.TotalSeconds:0.0} s) | ≥ {TargetTicketsPerSecond:N0}/s |
        | HTTP latency p50 / p90 / p99 / max | {Ms(latencies, 0.50)} / {Ms(latencies, 0.90)} / {Ms(latencies, 0.99)} / {Ms(latencies, 1)} ms | p99 < {TargetP99Ms:0} ms |
        | errors | {errorText} of {latencies.Count:N0} | |
        | TicketCreated delivered | {delivered:N0} / {ticketIds.Count:N0} | all |
        | TicketCreated latency p50 / p90 / p99 / max | {Ms(eventLatencies, 0.50)} / {Ms(eventLatencies, 0.90)} / {Ms(eventLatencies, 0.99)} / {Ms(eventLatencies, 1)} ms | |
        """);
    foreach (var p in processes)
        Console.WriteLine($"| {p.Name}: peak memory, CPU | {Memory(p)}, {p.Cpu:0}% of a core | |");
    Console.WriteLine($"| other processes: CPU | {otherCpu:0}% of a core | |");
    Console.WriteLine($"| machine CPU | {machineCpu:0}% of a core ({Environment.ProcessorCount} cores: {Environment.ProcessorCount * 100}%) | |");
    Console.WriteLine($"| result | {verdict} | |");
}
return 0;

static List<double> Sorted(IEnumerable<double> values)
{
    var list = values.ToList();
    list.Sort();
    return list;
}

// Nearest-rank percentile of sorted values; p = 1 is the maximum.
static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static int Fail(string message)
{
    Console.Error.WriteLine($"ticket benchmark: {message}");
    return 1;
}
