using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Support.Hosting.Messaging;

public sealed class MessagingHealthOptions
{
    /// <summary>How long the bus may be unable to consume before the service reports itself unhealthy (not ready, not live).</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the broker is asked whether the service's queues have consumers.</summary>
    public TimeSpan ConsumerCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a queue may go without a consumer, while the bus reports itself healthy, before the bus is restarted.</summary>
    public TimeSpan ConsumerGrace { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Samples the bus's health (its connection and every receive endpoint) every second and remembers since when it has
/// not been healthy, so the health check can tell a short broker outage (degraded: the outbox holds the events and
/// requests are served) from a bus that has not come back (unhealthy: an orchestrator should restart the process).
/// On RabbitMQ it also asks the broker whether each of the service's queues has a consumer: after broker faults under
/// load a queue was seen with none while MassTransit reported every endpoint ready, and nothing flowed. Such a bus is
/// restarted once its queue has gone without a consumer for Messaging:ConsumerGrace, and counts as not healthy meanwhile.
/// </summary>
public sealed class BusHealthMonitor : BackgroundService, IHealthCheck, IReceiveEndpointObserver
{
    private readonly IBusControl bus;
    private readonly QueueConsumerProbe? probe;
    private readonly TimeProvider clock;
    private readonly ILogger<BusHealthMonitor> logger;
    private readonly MessagingHealthOptions settings;
    private readonly ConcurrentDictionary<string, bool> queues = new();
    private volatile Sample? last;
    private IReadOnlyDictionary<string, DateTimeOffset> unconsumedSince = new Dictionary<string, DateTimeOffset>();
    private DateTimeOffset lastConsumerCheck = DateTimeOffset.MinValue;
    private DateTimeOffset? lastRestart;

    private sealed record Sample(DateTimeOffset? NotHealthySince, string Description);

    public BusHealthMonitor(IBusControl bus, TimeProvider clock, IOptions<MessagingHealthOptions> options, ILogger<BusHealthMonitor> logger, QueueConsumerProbe? probe = null)
    {
        (this.bus, this.clock, this.logger, this.probe, settings) = (bus, clock, logger, probe, options.Value);
        bus.ConnectReceiveEndpointObserver(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SampleInterval, clock);
        do
        {
            var health = bus.CheckHealth();
            if (health.Status == BusHealthStatus.Healthy)
                await CheckConsumersAsync(stoppingToken).ConfigureAwait(false);
            Take(health);
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Take(BusHealthResult health)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? since = health.Status == BusHealthStatus.Healthy ? null : last?.NotHealthySince ?? now;
        var description = health.Description;
        if (unconsumedSince.Count > 0)
        {
            var gapSince = unconsumedSince.Values.Min();
            since = since is { } busSince && busSince < gapSince ? busSince : gapSince;
            description = $"No consumer on {string.Join(", ", unconsumedSince.Keys)} for {(now - gapSince).TotalSeconds:0} s. {description}";
        }
        last = new Sample(since, description);
    }

    private async Task CheckConsumersAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        if (probe is null || queues.IsEmpty || now - lastConsumerCheck < settings.ConsumerCheckInterval)
            return;
        lastConsumerCheck = now;
        IReadOnlyList<string> missing;
        try
        {
            missing = await probe.QueuesWithoutConsumersAsync(queues.Keys.Order(), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Could not ask the broker for the queues' consumers.");
            return;
        }
        // Each queue's gap is its own: a queue that got its consumer back does not pass its gap on to another.
        unconsumedSince = missing.ToDictionary(queue => queue, queue => unconsumedSince.GetValueOrDefault(queue, now));
        var overdue = unconsumedSince.Where(gap => now - gap.Value >= settings.ConsumerGrace).Select(gap => gap.Key).ToList();
        if (overdue.Count > 0 && (lastRestart is null || now - lastRestart >= settings.ConsumerGrace))
        {
            lastRestart = now;
            logger.LogWarning("Queues {Queues} have had no consumer for {Seconds:0} s while the bus reports itself healthy; restarting the bus.",
                overdue, (now - unconsumedSince.Values.Min()).TotalSeconds);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.UnhealthyAfter);
            try
            {
                await bus.StopAsync(timeout.Token).ConfigureAwait(false);
                await bus.StartAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Restarting the bus failed.");
            }
            // A restarted bus gets its queues' consumers back one by one: each gap starts again, or a slow start would restart it again.
            unconsumedSince = new Dictionary<string, DateTimeOffset>();
            lastConsumerCheck = clock.GetUtcNow();
        }
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

    // The service's own queues, as its receive endpoints come up; the bus's temporary reply queue is not watched.
    Task IReceiveEndpointObserver.Ready(ReceiveEndpointReady ready)
    {
        var address = ready.InputAddress;
        if (!address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) && !address.Query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase))
            queues.TryAdd(address.Segments[^1], true);
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    Task IReceiveEndpointObserver.Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    Task IReceiveEndpointObserver.Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
