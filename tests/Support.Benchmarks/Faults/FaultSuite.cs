using System.Diagnostics;
using System.Net;

namespace Support.Benchmarks.Faults;

/// <summary>
/// The fault suite's driver (deploy/fault/fault-suite.sh starts the servers and the topology, then runs it): a steady
/// load of ticket creates through the gateway and, while it runs, one fault after another (kill -9 of a process and
/// its restart, the broker stopped for a while, PostgreSQL restarted), each followed by the time until every store
/// has caught up. Afterwards every accepted ticket must be in every service's store, no `_error` queue may hold a
/// message, every outbox and queue must be drained, and clients must have seen only errors they could retry.
/// </summary>
public static class FaultSuite
{
    private sealed record FaultResult(string Fault, TimeSpan Outage, TimeSpan? Drain, Dictionary<string, int> Errors, string? Note)
    {
        public double? ShutdownSeconds => Note is { } n && n.StartsWith("SIGTERM", StringComparison.Ordinal) ? double.Parse(n.Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    // The services' host shutdown timeout (Hosting:ShutdownTimeout, 15 s) and a little for the process to exit.
    private const double ShutdownLimitSeconds = 17;

    public static async Task<int> RunAsync(string[] args)
    {
        FaultSuiteOptions options;
        try
        {
            options = FaultSuiteOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(FaultSuiteOptions.Usage);
            return 2;
        }

        var (http, problem) = await GatewayClient.ConnectAsync(options.Gateway, 256);
        using var _ = http;
        if (problem is not null)
            return Fail(problem);

        var stores = new TopologyStores(options.Postgres);
        var firstId = await stores.MaxTicketIdAsync() + 1;
        var runId = $"f{DateTime.UtcNow:yyyyMMddHHmmss}";
        var load = new SteadyTicketLoad(http, options.Rate, runId);
        using var stopLoad = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Say($"run {runId}: {options.Rate:0.#} tickets/s through {options.Gateway}, faults: {string.Join(", ", options.Faults)}; machine load average {loadBefore}");
        var loading = load.RunAsync(stopLoad.Token);

        await Task.Delay(options.Warmup);
        var results = new List<FaultResult>();
        foreach (var fault in options.Faults)
        {
            var errorsBefore = load.ErrorSnapshot();
            var started = Stopwatch.GetTimestamp();
            Say($"{fault}: injecting");
            string? note;
            try
            {
                note = await InjectAsync(options, fault);
            }
            catch (InvalidOperationException ex)
            {
                note = $"INJECTION FAILED: {ex.Message.ReplaceLineEndings(" ")[..Math.Min(300, ex.Message.Length)]}";
                Say($"{fault}: {note}");
            }
            var outage = Stopwatch.GetElapsedTime(started);
            var upTo = await RetryAsync(stores.MaxTicketIdAsync);
            var drain = await WaitCaughtUpAsync(stores, firstId, upTo, options.DrainWait);
            var errors = load.ErrorSnapshot()
                .Select(e => (e.Key, Count: e.Value - errorsBefore.GetValueOrDefault(e.Key)))
                .Where(e => e.Count > 0).ToDictionary(e => e.Key, e => e.Count);
            results.Add(new FaultResult(fault, outage, drain, errors, note));
            Say($"{fault}: over after {outage.TotalSeconds:0.0} s, stores caught up {(drain is { } d ? $"{d.TotalSeconds:0.0} s later" : "NOT within the wait")}" +
                $", client errors: {ErrorText(errors)}{(note is null ? "" : $"; {note}")}");
            await Task.Delay(options.Gap);
        }

        Say("stopping the load; waiting for retrying creates");
        stopLoad.Cancel();
        await loading;
        var loadSeconds = clock.Elapsed.TotalSeconds;

        Say("waiting for every store, outbox and queue to drain");
        var finalUpTo = await stores.MaxTicketIdAsync();
        var finalDrain = await WaitCaughtUpAsync(stores, firstId, finalUpTo, options.DrainWait);
        var unpublished = await WaitAsync(stores.UnpublishedAsync, u => u.Values.Sum() == 0, options.DrainWait);
        var queues = await WaitAsync(() => QueuesAsync(options), q => q.All(x => x.Messages == 0), TimeSpan.FromSeconds(30));

        var accepted = load.Accepted.ToArray();
        var missing = await stores.MissingAsync(accepted);
        var (runTickets, runKeys) = await stores.RunTicketsAsync(runId);
        var duplicates = runTickets - runKeys;
        var withoutAnswer = runKeys - accepted.Distinct().LongCount();
        var errorQueues = queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0).ToList();
        var undrainedQueues = queues.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0).ToList();
        var idleQueues = queues.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Consumers == 0).ToList();
        var lost = missing.Ticket + missing.Routing + missing.Analytics + missing.Suggested;
        var retryable = new[] { "502", "503", "504", "429", "408", SteadyTicketLoad.InProgress, "connection refused", "connection broken", "timeout", "201 without its body" };
        var otherErrors = load.Errors.Where(e => !retryable.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);

        var failures = new List<string>();
        if (lost > 0) failures.Add($"lost: {lost} (missing from ticket {missing.Ticket}, routing {missing.Routing}, analytics {missing.Analytics}, kb suggestions {missing.Suggested})");
        if (otherErrors.Count > 0) failures.Add($"errors a client cannot retry: {ErrorText(otherErrors)}");
        if (load.GaveUp > 0) failures.Add($"{load.GaveUp} creates still failing after two minutes of retries");
        if (errorQueues.Count > 0) failures.Add($"messages in _error queues: {string.Join(", ", errorQueues.Select(q => $"{q.Name} {q.Messages}"))}");
        if (unpublished.Values.Sum() > 0) failures.Add($"outboxes not drained: {string.Join(", ", unpublished.Where(u => u.Value > 0).Select(u => $"{u.Key} {u.Value}"))}");
        if (undrainedQueues.Count > 0) failures.Add($"queues not drained: {string.Join(", ", undrainedQueues.Select(q => $"{q.Name} {q.Messages}"))}");
        if (idleQueues.Count > 0) failures.Add($"queues without a consumer: {string.Join(", ", idleQueues.Select(q => q.Name))}");
        if (finalDrain is null) failures.Add("the stores did not catch up with Ticket within the wait");
        foreach (var failed in results.Where(r => r.Note?.StartsWith("INJECTION FAILED", StringComparison.Ordinal) == true))
            failures.Add($"{failed.Fault}: {failed.Note}");
        foreach (var slow in results.Where(r => r.ShutdownSeconds > ShutdownLimitSeconds))
            failures.Add($"{slow.Fault}: shutdown took {slow.ShutdownSeconds:0.0} s (more than {ShutdownLimitSeconds} s)");

        Console.WriteLine($"""

            Fault suite, run {runId} ({Environment.ProcessorCount} cores)
              load                {options.Rate:0.#} tickets/s for {loadSeconds:0} s; machine load average {loadBefore} at the start, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end ({Environment.ProcessorCount} cores)
              requests sent       {load.Requests:N0} ({load.Keys:N0} creates, {load.Retried:N0} of them retried with their Idempotency-Key)
              tickets accepted    {accepted.Length:N0}
              faults injected     {results.Count}
              client errors       {ErrorText(new Dictionary<string, int>(load.Errors))}
              lost                {lost}
              duplicates          {duplicates} (tickets created twice by a retried create), {withoutAnswer} created without an accepted answer
              outboxes            {string.Join(", ", unpublished.Select(u => $"{u.Key} {u.Value}"))} unpublished
              _error queues       {(errorQueues.Count == 0 ? "empty" : string.Join(", ", errorQueues.Select(q => $"{q.Name} {q.Messages}")))}
              all stores caught up {(finalDrain is { } fd ? $"{fd.TotalSeconds:0.0} s after the load stopped" : "NO")}

            | fault | outage | client errors during it | stores caught up after | |
            |---|---|---|---|---|
            """);
        foreach (var r in results)
            Console.WriteLine($"| {r.Fault} | {r.Outage.TotalSeconds:0.0} s | {ErrorText(r.Errors)} | {(r.Drain is { } d ? $"{d.TotalSeconds:0.0} s" : "not within the wait")} | {r.Note} |");
        Console.WriteLine();
        Console.WriteLine(failures.Count == 0 ? "result: passed" : "result: FAILED\n  " + string.Join("\n  ", failures));
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Injects one fault and returns what to note about it (how long a SIGTERM took), if anything.</summary>
    private static async Task<string?> InjectAsync(FaultSuiteOptions options, string fault)
    {
        var (kind, name) = fault.Split(':') is [var k, var n] ? (k, n) : (fault, "");
        switch (kind)
        {
            case "kill":
                await RunInjectAsync(options, "kill", name);
                await RunInjectAsync(options, "start", name);
                return null;
            case "broker":
                await RunInjectAsync(options, "broker-stop");
                await Task.Delay(options.BrokerOutage);
                await RunInjectAsync(options, "broker-start");
                return null;
            case "postgres":
                await RunInjectAsync(options, "postgres-restart");
                return null;
            case "sigterm-without-broker":
            case "sigterm-without-postgres":
                var (stop, start) = kind == "sigterm-without-broker" ? ("broker-stop", "broker-start") : ("postgres-stop", "postgres-start");
                await RunInjectAsync(options, stop);
                await Task.Delay(TimeSpan.FromSeconds(5));
                var seconds = (await RunInjectAsync(options, "term", name)).Trim();
                await RunInjectAsync(options, start);
                await RunInjectAsync(options, "start", name);
                return $"SIGTERM to exit: {seconds} s";
            default:
                throw new ArgumentException($"unknown fault {fault}");
        }
    }

    private static async Task<string> RunInjectAsync(FaultSuiteOptions options, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(options.Inject);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{options.Inject} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        return stdout;
    }

    private static async Task<List<(string Name, long Messages, long Consumers)>> QueuesAsync(FaultSuiteOptions options) =>
        (await RunInjectAsync(options, "queues"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 3)
            .Select(f => (f[0], long.Parse(f[1]), long.Parse(f[2])))
            .ToList();

    /// <summary>Time until Routing, Analytics and the KB hold every ticket Ticket holds in the range; null when the wait ran out.</summary>
    private static async Task<TimeSpan?> WaitCaughtUpAsync(TopologyStores stores, int fromId, int toId, TimeSpan wait)
    {
        var started = Stopwatch.GetTimestamp();
        TopologyStores.Coverage? last = null;
        while (Stopwatch.GetElapsedTime(started) < wait)
        {
            try
            {
                last = await stores.CoverageAsync(fromId, toId);
                if (last.Complete)
                    return Stopwatch.GetElapsedTime(started);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // the server is restarting
            }
            await Task.Delay(500);
        }
        Say($"not caught up after {wait.TotalSeconds:0} s: {last}");
        return null;
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan wait)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await RetryAsync(read);
            if (done(value) || Stopwatch.GetElapsedTime(started) > wait)
                return value;
            await Task.Delay(1000);
        }
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception ex) when (attempt < 30 && ex is Npgsql.NpgsqlException or TimeoutException)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static string ErrorText(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? "none" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value:N0}"));

    private static void Say(string message) => Console.WriteLine($"[faults {DateTime.UtcNow:HH:mm:ss}] {message}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"fault suite: {message}");
        return 1;
    }
}
