using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Support.Benchmarks.SystemBench;

/// <summary>One queue's figures: peak ready messages during the load, at its end, and when it first stayed empty after it.</summary>
public sealed record QueueFigures(string Queue, uint Peak, uint AtEnd, TimeSpan? DrainedAfter, uint Left);

/// <summary>One process group's CPU (% of one core) during the load and during the drain after it, and its peak resident memory.</summary>
public sealed record ProcessFigures(string Name, double LoadCpu, double DrainCpu, double PeakMb);

/// <summary>
/// Samples, once a second while the load runs, every RabbitMQ queue's ready messages (a passive declare per queue:
/// it creates nothing) and each topology process's resident memory (all of a group's processes: PostgreSQL's
/// backends share their buffers, so its sum overstates); then, after the load, polls the queues until all are empty
/// at once. The queues are listed once with rabbitmqctl (RabbitMQ here has no management plugin); exclusive
/// server-named queues (this benchmark's subscriber) and MassTransit's per-bus reply queues are left out.
/// </summary>
public sealed class TopologyMonitor : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly string runDirectory;
    private readonly List<string> queues;
    private readonly Dictionary<string, uint> peak = [];
    private readonly Dictionary<string, double> peakMb = [];
    private readonly CancellationTokenSource stop = new();
    private IChannel? channel;
    private Task? sampling;
    private Dictionary<int, TimeSpan> cpuStart = [];
    private long loadStarted;

    private TopologyMonitor(IConnection connection, string runDirectory, List<string> queues, List<(string Queue, uint Messages)> unconsumed)
    {
        this.connection = connection;
        this.runDirectory = runDirectory;
        this.queues = queues;
        Unconsumed = unconsumed;
    }

    /// <summary>The queues watched: those with a consumer when the monitor started.</summary>
    public IReadOnlyList<string> Queues => queues;

    /// <summary>Queues nobody consumes (error queues, leftovers of other programs): not watched, as they never drain.</summary>
    public IReadOnlyList<(string Queue, uint Messages)> Unconsumed { get; }

    public static async Task<TopologyMonitor> StartAsync(Uri rabbitMq, string runDirectory)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "support-system-benchmark-monitor" };
        var connection = await factory.CreateConnectionAsync();
        var consumed = new List<string>();
        var unconsumed = new List<(string, uint)>();
        foreach (var queue in await ListQueuesAsync())
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue);
                if (ok.ConsumerCount > 0)
                    consumed.Add(queue);
                else
                    unconsumed.Add((queue, ok.MessageCount));
            }
            catch (OperationInterruptedException)
            {
                // gone since it was listed
            }
        }
        return new TopologyMonitor(connection, runDirectory, consumed, unconsumed);
    }

    /// <summary>Every queue's ready messages now (a queue that is gone reads 0).</summary>
    public async Task<Dictionary<string, uint>> ReadAsync()
    {
        var depths = new Dictionary<string, uint>();
        foreach (var queue in queues)
        {
            try
            {
                channel ??= await connection.CreateChannelAsync();
                depths[queue] = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                depths[queue] = 0; // a failed passive declare closes the channel
                channel = null;
            }
        }
        return depths;
    }

    /// <summary>Starts the load's window: CPU counted from now, queues and memory sampled every second until <see cref="EndLoadAsync"/>.</summary>
    public void BeginLoad()
    {
        cpuStart = LocalProcesses.CpuTimes(LocalProcesses.Find(runDirectory));
        loadStarted = Stopwatch.GetTimestamp();
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SampleAsync();
                try
                {
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>
    /// Ends the load's window and waits, up to <paramref name="maxWait"/>, until every queue is empty at once
    /// (polling every 250 ms). Returns the queues' figures and the processes' CPU in both windows.
    /// </summary>
    public async Task<(List<QueueFigures> Queues, List<ProcessFigures> Processes, TimeSpan LoadWindow, TimeSpan DrainWindow)> EndLoadAsync(TimeSpan maxWait)
    {
        await stop.CancelAsync();
        if (sampling is not null)
            await sampling;
        var groups = LocalProcesses.Find(runDirectory);
        var cpuEnd = LocalProcesses.CpuTimes(groups);
        var loadWindow = Stopwatch.GetElapsedTime(loadStarted);
        var atEnd = await ReadAsync();
        Record(atEnd);

        var drainStart = Stopwatch.GetTimestamp();
        var lastBusy = atEnd.ToDictionary(q => q.Key, q => q.Value > 0 ? TimeSpan.Zero : (TimeSpan?)null);
        var now = atEnd;
        // At least 2 s, so the drain's CPU covers a window long enough to read (and messages delivered but not yet acknowledged finish).
        while ((now.Values.Any(v => v > 0) || Stopwatch.GetElapsedTime(drainStart) < TimeSpan.FromSeconds(2)) && Stopwatch.GetElapsedTime(drainStart) < maxWait)
        {
            await Task.Delay(250);
            now = await ReadAsync();
            var at = Stopwatch.GetElapsedTime(drainStart);
            foreach (var (queue, depth) in now)
            {
                if (depth > 0)
                    lastBusy[queue] = at;
            }
        }
        var drainWindow = Stopwatch.GetElapsedTime(drainStart);
        var cpuDrained = LocalProcesses.CpuTimes(groups);

        var queueFigures = queues.Select(q => new QueueFigures(q, peak.GetValueOrDefault(q), atEnd.GetValueOrDefault(q),
                now.GetValueOrDefault(q) > 0 ? null : lastBusy.GetValueOrDefault(q) ?? TimeSpan.Zero, now.GetValueOrDefault(q)))
            .ToList();
        var processes = groups.Select(g => new ProcessFigures(g.Name,
                LocalProcesses.CpuPercent(g, cpuStart, cpuEnd, loadWindow),
                LocalProcesses.CpuPercent(g, cpuEnd, cpuDrained, drainWindow),
                Math.Max(peakMb.GetValueOrDefault(g.Name), LocalProcesses.CurrentTotalMb(g))))
            .ToList();
        return (queueFigures, processes, loadWindow, drainWindow);
    }

    private async Task SampleAsync()
    {
        Record(await ReadAsync());
        foreach (var group in LocalProcesses.Find(runDirectory))
            peakMb[group.Name] = Math.Max(peakMb.GetValueOrDefault(group.Name), LocalProcesses.CurrentTotalMb(group));
    }

    private void Record(Dictionary<string, uint> depths)
    {
        foreach (var (queue, depth) in depths)
            peak[queue] = Math.Max(peak.GetValueOrDefault(queue), depth);
    }

    /// <summary>`rabbitmqctl list_queues name` (needs root or the rabbitmq user); the known consumer queues when that fails.</summary>
    private static async Task<List<string>> ListQueuesAsync()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", ["-q", "list_queues", "name"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
            {
                var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(n => n != "name" && !n.StartsWith("amq.", StringComparison.Ordinal) && !n.Contains("_bus_", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (names.Count > 0)
                    return names;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no rabbitmqctl on this machine
        }
        Console.WriteLine("warning: rabbitmqctl list_queues failed; watching only the queues TicketCreated reaches");
        return [.. Analytics.QueueDepths.TicketCreatedQueues];
    }

    public async ValueTask DisposeAsync()
    {
        stop.Dispose();
        if (channel is not null)
            await channel.DisposeAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }
}
