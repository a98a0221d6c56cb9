using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Support.Gateway;

/// <summary>
/// A service is ready when its destinations answer /health/ready: all of them (healthy), some (degraded) or none
/// (unhealthy, so the gateway is not ready either).
/// </summary>
public sealed class DownstreamHealthCheck(string clusterId, IProxyStateLookup proxyState, IHttpClientFactory httpClients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxyState.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
            return new HealthCheckResult(context.Registration.FailureStatus, $"Cluster {clusterId} has no destinations.");

        var client = httpClients.CreateClient(nameof(DownstreamHealthCheck));
        var addresses = cluster.Destinations.Values.Select(d => d.Model.Config.Health ?? d.Model.Config.Address).ToList();
        var failures = (await Task.WhenAll(addresses.Select(address => ProbeAsync(client, address, cancellationToken))))
            .OfType<string>()
            .ToList();

        if (failures.Count == 0)
            return HealthCheckResult.Healthy();
        var description = string.Join("; ", failures);
        return failures.Count < addresses.Count
            ? HealthCheckResult.Degraded(description)
            : new HealthCheckResult(context.Registration.FailureStatus, description);
    }

    private static async Task<string?> ProbeAsync(HttpClient client, string address, CancellationToken cancellationToken)
    {
        var url = address.TrimEnd('/') + "/health/ready";
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{url} did not answer: {e.Message}";
        }
    }
}

public static class DownstreamHealthChecks
{
    public static IHostApplicationBuilder AddDownstreamHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(DownstreamHealthCheck), client => client.Timeout = TimeSpan.FromSeconds(5));
        var checks = builder.Services.AddHealthChecks();
        foreach (var service in DownstreamServices.Names(builder.Configuration))
            checks.AddTypeActivatedCheck<DownstreamHealthCheck>(service, failureStatus: null, tags: ["ready"], args: service);
        return builder;
    }
}
