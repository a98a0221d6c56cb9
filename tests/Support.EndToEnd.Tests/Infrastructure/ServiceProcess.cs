using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>A built program run as its own OS process (`dotnet {dll}`), its output captured, killed on dispose.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(string name, Uri url, Process process)
    {
        Name = name;
        Url = url;
        this.process = process;
    }

    public string Name { get; }
    public Uri Url { get; }

    /// <summary>What the process has written so far (its logs).</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>Starts the dll from its own folder (where its appsettings.json is) with the given environment on top of ours.</summary>
    public static ServiceProcess Start(string name, string dll, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Json"] = "false";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(name, url, process);
        process.OutputDataReceived += (_, line) => service.Append(line.Data);
        process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port nobody listens on right now and not handed out before: the kernel may offer a port again once
    /// its probe is closed, and two services told the same port means one of them fails to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
                if (HandedOut.Add(port))
                    return port;
        }
    }

    /// <summary>What the process printed, for failure messages.</summary>
    private string Report()
    {
        lock (output)
            return $"--- output of {Name} ({Url}) ---\n{output}--- end of {Name} ---";
    }

    /// <summary>
    /// Waits until each process (started together) answers 200 on /health/ready; if one exits or time runs out,
    /// throws with what every process printed.
    /// </summary>
    public static async Task WaitUntilReadyAsync(IReadOnlyList<ServiceProcess> processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            foreach (var process in processes)
                await process.WaitUntilReadyAsync(deadline);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{ex.Message}\n{string.Join("\n", processes.Select(p => p.Report()))}", ex);
        }
    }

    private async Task WaitUntilReadyAsync(DateTime deadline)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready.");
            try
            {
                using var response = await client.GetAsync(new Uri(Url, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Name} at {Url} was not ready in time (its last answer: {last}).");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
