using System.Diagnostics;

namespace Support.Benchmarks.Routing;

/// <summary>CPU each process of the topology used over a window, in % of one core, and the whole machine's.</summary>
public sealed class CpuWindow
{
    private readonly string runDirectory;
    private readonly Dictionary<int, TimeSpan> before;
    private readonly (long Busy, long Total) machineBefore;
    private readonly long started = Stopwatch.GetTimestamp();

    private CpuWindow(string runDirectory)
    {
        this.runDirectory = runDirectory;
        before = LocalProcesses.CpuTimes(LocalProcesses.Find(runDirectory));
        machineBefore = LocalProcesses.MachineCpu();
    }

    public static CpuWindow Start(string runDirectory) => new(runDirectory);

    /// <summary>"gateway 23, routing 80, …, other processes 5; machine 190 of 200".</summary>
    public string Stop()
    {
        var groups = LocalProcesses.Find(runDirectory);
        var after = LocalProcesses.CpuTimes(groups);
        var machineAfter = LocalProcesses.MachineCpu();
        var wall = Stopwatch.GetElapsedTime(started);
        var machine = 100.0 * Environment.ProcessorCount * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total);
        var processes = groups.Select(g => (g.Name, Cpu: LocalProcesses.CpuPercent(g, before, after, wall))).ToList();
        var other = Math.Max(0, machine - processes.Sum(p => p.Cpu));
        return $"{string.Join(", ", processes.Select(p => $"{p.Name} {p.Cpu:0}"))}, other processes {other:0}; machine {machine:0} of {Environment.ProcessorCount * 100}";
    }
}
