using System.ComponentModel;
using System.Diagnostics;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

public sealed class ComposeFileTests
{
    /// <summary>What ops run (`docker compose up`) must at least parse: docker-compose validates it with no engine.</summary>
    [Fact]
    public async Task The_compose_file_validates()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-f", "docker-compose.yml", "config", "-q" })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"docker-compose could not be run ({ex.Message}): `apt-get install docker-compose`.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"docker-compose config -q exited with {process.ExitCode}:\n{await output}{await errors}");
        }
    }
}
