using System.Diagnostics;
using System.Net;
using RabbitMQ.Client.Exceptions;

namespace Support.Benchmarks.Routing;

/// <summary>
/// The routing benchmark: a steady, paced stream of new tickets through the gateway with online agents waiting,
/// measuring how long each ticket takes from TicketCreated to TicketAssigned; then routing decisions per second
/// at saturation.
/// </summary>
public static class RoutingBenchmark
{
    private const double TargetP99Ms = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        RoutingBenchmarkOptions options;
        try
        {
            options = RoutingBenchmarkOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(RoutingBenchmarkOptions.Usage);
            return 2;
        }

        // Open loop: enough connections that a slow response never holds back the next arrival.
        var gateway = await GatewayClient.ConnectAsync(options.Gateway, 512);
        using var http = gateway.Http;
        if (gateway.Problem is { } problem)
            return Fail(problem);

        RoutingEventsSubscriber subscriber;
        try
        {
            subscriber = await RoutingEventsSubscriber.StartAsync(options.RabbitMq);
        }
        catch (BrokerUnreachableException ex)
        {
            return Fail($"RabbitMQ at {options.RabbitMq.Host}:{options.RabbitMq.Port} is unreachable: {ex.InnerException?.Message ?? ex.Message}");
        }

        await using (subscriber)
        {
            var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            var (groupId, agentIds) = await RoutingSetup.CreateAsync(http, runId, options.Agents, options.Capacity);
            var planned = options.Rate * (options.Warmup + options.Duration).TotalSeconds + (options.Saturation == SaturationMode.Broker ? options.Backlog : 0);
            Console.WriteLine($"Routing benchmark: group {groupId} (least_loaded, default) with {agentIds.Count} online agents of capacity {options.Capacity}; " +
                $"{options.Rate:0.#} tickets/s paced, {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured, gateway {options.Gateway}");
            if (planned > (double)options.Agents * options.Capacity)
                Console.WriteLine($"warning: about {planned:N0} tickets for {options.Agents * options.Capacity:N0} places: the last ones will wait in the queue");

            var paced = new PacedTicketLoad(http, new TicketLoad(http, 1));
            if (options.Warmup > TimeSpan.Zero)
                await paced.RunAsync(options.Rate, options.Warmup, seed: 1);

            var cpu = CpuWindow.Start(options.RunDirectory);
            var steady = await paced.RunAsync(options.Rate, options.Duration, seed: 2);
            var steadyCpu = cpu.Stop();
            var assigned = await subscriber.WaitForAsync(steady.TicketIds, e => e.AssignedReceived != 0, options.EventWait);
            var steadyReport = SteadyReport(options, steady, subscriber.Snapshot(steady.TicketIds), assigned, steadyCpu);
            Console.WriteLine(steadyReport.Text);

            var saturation = options.Saturation switch
            {
                SaturationMode.Broker => await BrokerSaturationAsync(options, http, subscriber),
                SaturationMode.Http => await HttpSaturationAsync(options, http, subscriber),
                _ => null,
            };
            if (saturation is not null)
                Console.WriteLine(saturation.Text);

            Console.WriteLine();
            Console.WriteLine($"| Routing benchmark ({options.Rate:0.#} tickets/s for {options.Duration.TotalSeconds:0.#} s, {options.Agents} agents, {Environment.ProcessorCount} cores) | result | target |");
            Console.WriteLine("|---|---|---|");
            foreach (var row in steadyReport.Rows.Concat(saturation?.Rows ?? []))
                Console.WriteLine(row);
            if (subscriber.Unreadable > 0)
                Console.WriteLine($"warning: {subscriber.Unreadable} envelopes could not be read");
            if (subscriber.LostBecause is { } reason)
                Console.WriteLine($"warning: the broker closed the subscriber's connection ({reason}): was RabbitMQ restarted? Events after that were not seen.");
        }
        return 0;
    }

    private sealed record Report(string Text, List<string> Rows);

    private static Report SteadyReport(RoutingBenchmarkOptions options, PacedResult steady, Dictionary<int, TicketEvents> seen, int assigned, string cpu)
    {
        double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
        var complete = seen.Values.Where(e => e.CreatedReceived != 0 && e.AssignedReceived != 0).ToList();
        var endToEnd = new Percentiles(complete.Select(e => Ms(e.CreatedReceived, e.AssignedReceived)));
        var routed = seen.Values.Where(e => e.CreatedReceived != 0 && e.RoutedReceived != 0).ToList();
        var routing = new Percentiles(routed.Select(e => Ms(e.CreatedReceived, e.RoutedReceived)));
        var applying = new Percentiles(complete.Where(e => e.RoutedReceived != 0).Select(e => Ms(e.RoutedReceived, e.AssignedReceived)));
        var stamped = new Percentiles(complete.Select(e => (e.AssignedAt - e.CreatedAt).TotalMilliseconds));
        var http = new Percentiles(steady.LatenciesMs);
        var queued = seen.Values.Count(e => e.RoutedReceived != 0 && e.RoutedAgentId is null);
        var created = steady.TicketIds.Count;
        var errorCount = steady.Errors.Values.Sum();
        var errors = errorCount == 0 ? "0" : $"{errorCount:N0} ({string.Join(", ", steady.Errors.Select(e => $"{e.Key}: {e.Value:N0}"))})";
        var rate = steady.Sent / options.Duration.TotalSeconds;
        var met = endToEnd.Count > 0 && endToEnd.At(0.99) < TargetP99Ms && assigned == created && errorCount == 0;
        var verdict = met ? "met" : "MISSED";

        var text = $"""

              steady load        {steady.Sent:N0} tickets sent at {rate:0.#}/s (paced, open loop; latest start {steady.MaxLagMs:0.0} ms behind schedule), {created:N0} created, errors {errors}
              HTTP ms            p50 / p90 / p99 / max  {http.Summary}
              assigned           {assigned:N0} / {created:N0} tickets got TicketAssigned within {options.EventWait.TotalSeconds:0} s of the end; {queued:N0} were queued instead
              created → assigned ms  p50 / p90 / p99 / max  {endToEnd.Summary}   (both events' arrival at this subscriber, one clock)
                created → routed     {routing.Summary}   (Routing: consume TicketCreated, decide, commit, relay TicketRouted)
                routed → assigned    {applying.Summary}   (Ticket: consume TicketRouted, assign, commit, relay TicketAssigned)
              AssignedAt - CreatedAt ms  {stamped.Summary}   (the events' own times, both the Ticket service's commit clock)
              CPU, % of a core   {cpu}
              target             p99 created → assigned < {TargetP99Ms:0} ms, every ticket assigned: {verdict}
            """;
        var rows = new List<string>
        {
            $"| tickets created (paced) | {created:N0} at {rate:0.#}/s, errors {errors} | {options.Rate:0.#}/s |",
            $"| HTTP latency p50 / p90 / p99 / max | {http.Summary} ms | |",
            $"| tickets assigned | {assigned:N0} / {created:N0} | all |",
            $"| TicketCreated → TicketAssigned (subscriber receive times) p50 / p90 / p99 / max | {endToEnd.Summary} ms | p99 < {TargetP99Ms:0} ms |",
            $"| … of which TicketCreated → TicketRouted | {routing.Summary} ms | |",
            $"| … of which TicketRouted → TicketAssigned | {applying.Summary} ms | |",
            $"| AssignedAt − CreatedAt (event timestamps) | {stamped.Summary} ms | |",
            $"| CPU during the steady load, % of a core | {cpu} | |",
            $"| steady-load result | {verdict} | |",
        };
        return new Report(text, rows);
    }

    private static async Task<Report> BrokerSaturationAsync(RoutingBenchmarkOptions options, HttpClient http, RoutingEventsSubscriber subscriber)
    {
        var firstId = await BrokerSaturation.FreeIdsAsync(http, options.Backlog);
        var ids = Enumerable.Range(firstId, options.Backlog).ToList();
        var cpu = CpuWindow.Start(options.RunDirectory);
        var started = Stopwatch.GetTimestamp();
        await BrokerSaturation.PublishAsync(options.RabbitMq, firstId, options.Backlog);
        var published = Stopwatch.GetElapsedTime(started);
        var routedCount = await subscriber.WaitForAsync(ids, e => e.RoutedReceived != 0, options.EventWait + TimeSpan.FromSeconds(options.Backlog / 20.0));
        var usage = cpu.Stop();

        var seen = subscriber.Snapshot(ids).Values.Where(e => e.RoutedReceived != 0).ToList();
        var times = seen.Select(e => e.RoutedReceived).Order().ToList();
        var queued = seen.Count(e => e.RoutedAgentId is null);
        // The middle 80% of decisions: past the start-up, before the tail.
        var central = times.Count >= 10 ? 0.8 * times.Count / ((times[(int)(0.9 * times.Count) - 1] - times[(int)(0.1 * times.Count)]) / (double)Stopwatch.Frequency) : double.NaN;
        var overall = times.Count > 0 ? times.Count / ((times[^1] - started) / (double)Stopwatch.Frequency) : double.NaN;

        var text = $"""

              saturation         {options.Backlog:N0} TicketCreated published straight to RabbitMQ in {published.TotalSeconds:0.0} s (fake ticket ids from {firstId:N0}; routing alone, the Ticket service has no such tickets)
              decisions          {routedCount:N0} / {options.Backlog:N0} TicketRouted ({queued:N0} of them queued)
              decisions/s        {central:N0} over the middle 80%, {overall:N0} from the first publish to the last decision
              CPU, % of a core   {usage}
            """;
        var rows = new List<string>
        {
            $"| saturation: TicketCreated published straight to RabbitMQ | {options.Backlog:N0} in {published.TotalSeconds:0.0} s | |",
            $"| routing decisions (TicketRouted) | {routedCount:N0} / {options.Backlog:N0} ({queued:N0} queued) | |",
            $"| routing decisions/s at saturation (middle 80% / overall) | {central:N0} / {overall:N0} | |",
            $"| CPU at saturation, % of a core | {usage} | |",
        };
        return new Report(text, rows);
    }

    private static async Task<Report> HttpSaturationAsync(RoutingBenchmarkOptions options, HttpClient http, RoutingEventsSubscriber subscriber)
    {
        var cpu = CpuWindow.Start(options.RunDirectory);
        var started = Stopwatch.GetTimestamp();
        var (clients, measured) = await new TicketLoad(http, options.Clients).RunAsync(TimeSpan.Zero, options.SaturationDuration);
        var ended = started + (long)(options.SaturationDuration.TotalSeconds * Stopwatch.Frequency);
        var usage = cpu.Stop();
        var ids = clients.SelectMany(c => c.TicketIds).ToList();
        var routedCount = await subscriber.WaitForAsync(ids, e => e.RoutedReceived != 0, options.EventWait);

        var seen = subscriber.Snapshot(ids).Values;
        var inWindow = seen.Count(e => e.RoutedReceived != 0 && e.RoutedReceived <= ended);
        var created = ids.Count / measured.TotalSeconds;
        var decisions = inWindow / options.SaturationDuration.TotalSeconds;

        var text = $"""

              saturation         {options.Clients} clients creating tickets through the gateway as fast as it accepts for {options.SaturationDuration.TotalSeconds:0} s: {ids.Count:N0} created = {created:N0}/s
              decisions/s        {decisions:N0} TicketRouted/s within that window; {routedCount:N0} / {ids.Count:N0} routed after waiting up to {options.EventWait.TotalSeconds:0} s more
              CPU, % of a core   {usage}
            """;
        var rows = new List<string>
        {
            $"| saturation: tickets created through the gateway ({options.Clients} clients, closed loop) | {created:N0}/s | |",
            $"| routing decisions/s in that window | {decisions:N0} ({routedCount:N0} / {ids.Count:N0} routed in the end) | |",
            $"| CPU at saturation, % of a core | {usage} | |",
        };
        return new Report(text, rows);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"routing benchmark: {message}");
        return 1;
    }
}
