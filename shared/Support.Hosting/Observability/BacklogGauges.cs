using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Support.Hosting.Observability;

/// <summary>Samples each registered <see cref="Backlog"/> while someone collects the gauges (Prometheus or OTLP), else stays idle.</summary>
public sealed class BacklogGauges : BackgroundService
{
    public const string MeterName = $"{Telemetry.Prefix}.Backlog";
    private readonly IReadOnlyList<Backlog> backlogs;
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly ILogger<BacklogGauges> logger;
    private readonly ConcurrentDictionary<Backlog, (long Pending, DateTimeOffset? Oldest)> samples = new();
    private readonly List<Instrument> gauges = [];

    public BacklogGauges(IEnumerable<Backlog> backlogs, IServiceScopeFactory scopes, IMeterFactory meters, TimeProvider clock,
        IConfiguration configuration, ILogger<BacklogGauges> logger)
    {
        this.backlogs = backlogs.ToList();
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
        interval = configuration.GetValue("Telemetry:BacklogInterval", TimeSpan.FromSeconds(5));
        var meter = meters.Create(MeterName);
        foreach (var kind in this.backlogs.GroupBy(b => b.Name))
        {
            var first = kind.First();
            gauges.Add(meter.CreateObservableGauge($"{kind.Key}.pending", () => Measure(kind.Key, s => s.Pending), first.Unit, first.Description));
            gauges.Add(meter.CreateObservableGauge($"{kind.Key}.oldest_age", () => Measure(kind.Key, s => s.Oldest is { } oldest ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : 0.0),
                "s", $"How long the oldest of the {first.Description} has waited."));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                if (gauges.Any(g => g.Enabled))
                    foreach (var backlog in backlogs)
                        await SampleAsync(backlog, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SampleAsync(Backlog backlog, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var waiting = backlog.Waiting((DbContext)scope.ServiceProvider.GetRequiredService(backlog.Context));
            var pending = await waiting.LongCountAsync(cancellationToken);
            var oldest = pending == 0 ? null : await waiting.Select(at => (DateTimeOffset?)at).MinAsync(cancellationToken);
            samples[backlog] = (pending, oldest);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // No figure is better than a stale one; readiness reports the database itself.
            samples.TryRemove(backlog, out _);
            logger.LogDebug(ex, "Sampling the {Backlog} backlog of {Service} failed", backlog.Name, backlog.Service);
        }
    }

    private IEnumerable<Measurement<T>> Measure<T>(string name, Func<(long Pending, DateTimeOffset? Oldest), T> figure) where T : struct
    {
        foreach (var backlog in backlogs)
            if (backlog.Name == name && samples.TryGetValue(backlog, out var sample))
                yield return new Measurement<T>(figure(sample), new KeyValuePair<string, object?>("service", backlog.Service));
    }
}
