using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

public sealed class ComposeFileTests
{
    /// <summary>What ops run (`docker compose up`) must at least parse: docker-compose validates it with no engine.</summary>
    [Fact]
    public async Task The_compose_file_validates()
    {
        await DockerComposeAsync("config", "-q");
    }

    /// <summary>Each service the gateway proxies to runs in compose, built from a Dockerfile that exists, and the gateway is told its address.</summary>
    [Fact]
    public async Task Every_gateway_cluster_is_a_compose_service_the_gateway_can_reach()
    {
        var services = (await DockerComposeAsync("config", "--services")).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var config = await DockerComposeAsync("config");
        using var gatewaySettings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "gateway/Support.Gateway/appsettings.json")));
        var clusters = gatewaySettings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().Select(c => c.Name).ToList();

        Assert.Contains("routing", clusters);
        foreach (var cluster in clusters)
        {
            Assert.Contains(cluster, services);
            Assert.Contains($"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address: http://{cluster}:8080/", config);
        }
        var dockerfiles = config.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("dockerfile: ", StringComparison.Ordinal))
            .Select(line => line["dockerfile: ".Length..]).ToList();
        Assert.NotEmpty(dockerfiles);
        Assert.All(dockerfiles, dockerfile => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, dockerfile)), $"{dockerfile} is missing."));
    }

    /// <summary>Runs docker-compose on the repository's compose file and returns what it printed; fails when it fails.</summary>
    private static async Task<string> DockerComposeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-f", "docker-compose.yml" }.Concat(args))
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
            Assert.True(process.ExitCode == 0, $"docker-compose {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
            return await output;
        }
    }
}
