using System.ComponentModel;
using System.Diagnostics;

namespace Support.EndToEnd.Tests.Compose;

/// <summary>
/// Runs Docker Compose on the repository's docker-compose.yml: `docker-compose` (Debian's 1.29) when it is installed,
/// else the `docker compose` plugin; SUPPORT_COMPOSE names another command ("docker compose").
/// </summary>
public sealed class DockerCompose(string? projectName = null, string? envFile = null)
{
    private static readonly string[] Command = (Environment.GetEnvironmentVariable("SUPPORT_COMPOSE")
        ?? (File.Exists("/usr/bin/docker-compose") || File.Exists("/usr/local/bin/docker-compose") ? "docker-compose" : "docker compose"))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs compose with the arguments and returns what it printed; fails (with its output) when it fails or outlasts the timeout.</summary>
    public async Task<string> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Command[0])
        {
            WorkingDirectory = Infrastructure.RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var options = new List<string> { "-f", "docker-compose.yml" };
        if (projectName is not null)
            options.AddRange(["-p", projectName]);
        if (envFile is not null)
            options.AddRange(["--env-file", envFile]);
        foreach (var arg in Command.Skip(1).Concat(options).Concat(args))
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{string.Join(' ', Command)} could not be run ({ex.Message}): `apt-get install docker.io docker-compose`, or run the README's test command.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"compose {string.Join(' ', args)} ran longer than {timeout.TotalSeconds:0} s:\n{await output}{await errors}");
            }
            Assert.True(process.ExitCode == 0, $"compose {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
            return await output;
        }
    }
}
