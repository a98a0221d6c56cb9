using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests.Compose;

public sealed class ComposeFileTests
{
    /// <summary>What ops run (`docker compose up`) must parse, with the settings .env.example names.</summary>
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

    /// <summary>The committed example of .env: the compose file requires its secrets.</summary>
    private static Task<string> DockerComposeAsync(params string[] args) =>
        new DockerCompose(envFile: Path.Combine(RepoPaths.Root, ".env.example")).RunAsync(TimeSpan.FromSeconds(60), args);
}
