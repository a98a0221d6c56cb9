using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Support.Hosting.Observability;

/// <summary>
/// OpenTelemetry for every host: traces of requests, database commands and messages, exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is configured (with the other standard OTEL_* settings); metrics of the same, also
/// over OTLP, and for Prometheus at /metrics unless Telemetry:Prometheus is false.
/// </summary>
public static class Telemetry
{
    /// <summary>The ActivitySource and Meter names of this project's own telemetry start with this.</summary>
    public const string Prefix = "Support";
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddSupportTelemetry(this IHostApplicationBuilder builder)
    {
        // Every log line inside a request or message carries its trace and span, so logs and traces join.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = PrometheusEnabled(builder.Configuration);
        if (!otlp && !prometheus)
            return builder;

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter("System.Runtime", "System.Net.Http", "MassTransit", "Npgsql", $"{Prefix}.*");
                if (prometheus)
                    metrics.AddPrometheusExporter();
            });
        if (!otlp)
            return builder;

        telemetry.WithTracing(tracing => tracing
            .SetSampler(new ParentBasedSampler(new WorkEntrySampler()))
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
            .AddSource("System.Net.Http", "MassTransit", $"{Prefix}.*")
            .AddNpgsql())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// Work waiting in a service's own database (unpublished outbox events, tickets queued for an agent), given by each
    /// item's entry time: gauges {name}.pending and {name}.oldest_age, tagged with the service.
    /// </summary>
    public static IServiceCollection AddBacklogGauge<TContext>(this IServiceCollection services, string name, string unit, string description,
        Func<TContext, IQueryable<DateTimeOffset>> waiting) where TContext : DbContext
    {
        var service = typeof(TContext).Name.Replace("DbContext", "").ToLowerInvariant();
        services.AddSingleton(new Backlog(name, unit, description, service, typeof(TContext), db => waiting((TContext)db)));
        services.TryAddSingleton<BacklogGauges>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BacklogGauges>(sp => sp.GetRequiredService<BacklogGauges>()));
        return services;
    }

    /// <summary>The Prometheus scraping endpoint, when enabled.</summary>
    public static WebApplication MapSupportTelemetry(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint(MetricsPath).DisableHttpMetrics().AllowAnonymous();
        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Prometheus", true);

    /// <summary>Health probes and scrapes come every few seconds and would bury the traces of real work.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
