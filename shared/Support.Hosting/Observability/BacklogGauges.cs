using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Support.Hosting.Observability;

/// <summary>
/// Work waiting in a service's own database, such as unpublished outbox events or tickets queued for an agent:
/// each item's entry time. Sampled every Telemetry:BacklogInterval (5 s) into two gauges, {name}.pending (how
/// many) and {name}.oldest_age (seconds the oldest has waited), tagged with the service.
/// </summary>
public sealed record Backlog(string Name, string Unit, string Description, string Service, Type Context, Func<DbContext, IQueryable<DateTimeOffset>> Waiting);

public static class BacklogRegistration
{
    public static IServiceCollection AddBacklogGauge<TContext>(this IServiceCollection services, string name, string unit, string description,
        Func<TContext, IQueryable<DateTimeOffset>> waiting) where TContext : DbContext
    {
        var service = typeof(TContext).Name.Replace("DbContext", "").ToLowerInvariant();
        services.AddSingleton(new Backlog(name, unit, description, service, typeof(TContext), db => waiting((TContext)db)));
        services.TryAddSingleton<BacklogGauges>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BacklogGauges>(sp => sp.GetRequiredService<BacklogGauges>()));
        return services;
    }
}

public sealed class BacklogGauges : BackgroundService
{
    public const string MeterName = $"{Telemetry.Prefix}.Backlog";
    private readonly IReadOnlyList<Backlog> backlogs;
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly ILogger<BacklogGauges> logger;
    private readonly ConcurrentDictionary<Backlog, (long Pending, DateTimeOffset? Oldest)> samples = new();

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
            meter.CreateObservableGauge($"{kind.Key}.pending", () => Measure(kind.Key, s => s.Pending), first.Unit, first.Description);
            meter.CreateObservableGauge($"{kind.Key}.oldest_age", () => Measure(kind.Key, s => s.Oldest is { } oldest ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : 0.0),
                "s", $"How long the oldest of the {first.Description} has waited.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
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
