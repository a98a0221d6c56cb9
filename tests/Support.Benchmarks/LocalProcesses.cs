using System.Diagnostics;

namespace Support.Benchmarks;

/// <summary>A process of the topology; MainPid is the one whose peak memory counts (PostgreSQL's postmaster), AllPids includes its children.</summary>
public sealed record ProcessGroup(string Name, int MainPid, int[] AllPids);

/// <summary>The topology's processes found through /proc: the services in .run/*.pid, PostgreSQL, RabbitMQ, and this benchmark.</summary>
public static class LocalProcesses
{
    public static List<ProcessGroup> Find(string runDirectory)
    {
        var groups = new List<ProcessGroup>();
        if (Directory.Exists(runDirectory))
        {
            foreach (var pidFile in Directory.GetFiles(runDirectory, "*.pid").Order())
            {
                if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && Directory.Exists($"/proc/{pid}"))
                    groups.Add(new ProcessGroup(Path.GetFileNameWithoutExtension(pidFile), pid, [pid]));
            }
        }

        var postgres = PidsNamed("postgres");
        var postmaster = postgres.FirstOrDefault(pid => !postgres.Contains(StatusValue(pid, "PPid:") is { } ppid ? (int)ppid : 0));
        if (postmaster != 0)
            groups.Add(new ProcessGroup("postgresql", postmaster, postgres.ToArray()));

        if (PidsNamed("beam.smp").FirstOrDefault() is var beam and not 0)
            groups.Add(new ProcessGroup("rabbitmq", beam, [beam]));

        groups.Add(new ProcessGroup("benchmark client", Environment.ProcessId, [Environment.ProcessId]));
        return groups;
    }

    /// <summary>Peak resident memory (VmHWM) of the main process, in MB.</summary>
    public static double? PeakMb(ProcessGroup group) => StatusValue(group.MainPid, "VmHWM:") / 1024.0;

    /// <summary>Current resident memory (VmRSS) of all the group's processes together, in MB.</summary>
    public static double CurrentTotalMb(ProcessGroup group) => group.AllPids.Sum(pid => StatusValue(pid, "VmRSS:") ?? 0) / 1024.0;

    /// <summary>CPU time used so far, per pid.</summary>
    public static Dictionary<int, TimeSpan> CpuTimes(IEnumerable<ProcessGroup> groups)
    {
        var times = new Dictionary<int, TimeSpan>();
        foreach (var pid in groups.SelectMany(g => g.AllPids))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                times[pid] = process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // exited in the meantime
            }
        }
        return times;
    }

    /// <summary>CPU the group used between two snapshots, in % of one core; a process started in between counts in full.</summary>
    public static double CpuPercent(ProcessGroup group, Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after, TimeSpan wall) =>
        group.AllPids.Sum(pid => after.TryGetValue(pid, out var end) ? (end - before.GetValueOrDefault(pid)).TotalSeconds : 0)
        / wall.TotalSeconds * 100;

    /// <summary>The machine's busy and total jiffies from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total); // idle, iowait
    }

    private static List<int> PidsNamed(string name)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd() == name)
                    pids.Add(pid);
            }
            catch (IOException)
            {
                // exited in the meantime
            }
        }
        return pids;
    }

    // A numeric field of /proc/<pid>/status, e.g. "VmHWM:   123456 kB" → 123456.
    private static long? StatusValue(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0]);
            }
        }
        catch (IOException)
        {
            // exited in the meantime
        }
        return null;
    }
}
