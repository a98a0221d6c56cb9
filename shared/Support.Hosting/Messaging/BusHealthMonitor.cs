using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Support.Hosting.Messaging;

public sealed class MessagingHealthOptions
{
    /// <summary>How long the bus may be unable to consume before the service reports itself unhealthy (not ready, not live).</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Samples the bus's health (its connection and every receive endpoint) every second and remembers since when it has
/// not been healthy, so the health check can tell a short broker outage (degraded: the outbox holds the events and
/// requests are served) from a bus that has not come back (unhealthy: an orchestrator should restart the process).
/// </summary>
public sealed class BusHealthMonitor(IBusControl bus, TimeProvider clock, IOptions<MessagingHealthOptions> options) : BackgroundService, IHealthCheck
{
    private readonly MessagingHealthOptions settings = options.Value;
    private volatile Sample? last;

    private sealed record Sample(DateTimeOffset? NotHealthySince, string Description);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SampleInterval, clock);
        do
        {
            Take();
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Take()
    {
        var health = bus.CheckHealth();
        DateTimeOffset? since = health.Status == BusHealthStatus.Healthy ? null : last?.NotHealthySince ?? clock.GetUtcNow();
        last = new Sample(since, health.Description);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (last is not { NotHealthySince: { } since } sample)
            return Task.FromResult(HealthCheckResult.Healthy(last?.Description));
        var elapsed = clock.GetUtcNow() - since;
        var status = elapsed > settings.UnhealthyAfter ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        return Task.FromResult(new HealthCheckResult(status,
            $"The bus has not been healthy for {elapsed.TotalSeconds:0} s (unhealthy after {settings.UnhealthyAfter.TotalSeconds:0} s): {sample.Description}"));
    }
}
