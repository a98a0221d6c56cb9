using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Observability;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Assignment;

/// <summary>How long tickets wait for an agent: a histogram of the waits that ended, and gauges of the queue now.</summary>
public static class QueueMetrics
{
    private static readonly Meter Meter = new($"{Telemetry.Prefix}.Routing");

    private static readonly Histogram<double> Wait = Meter.CreateHistogram<double>(
        "support.routing.queue.wait", "s", "How long a queued ticket waited before an agent got it.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14400, 86400] });

    /// <summary>Counted when the assignment is decided; a transaction retried after a conflict counts its wait again.</summary>
    public static void WaitEnded(RoutedTicket ticket, string policy, DateTimeOffset now)
    {
        if (ticket.QueuedAt is { } queuedAt)
            Wait.Record(Math.Max(0, (now - queuedAt).TotalSeconds), new KeyValuePair<string, object?>("policy", policy));
    }

    public static IServiceCollection AddQueueGauges(this IServiceCollection services) =>
        services.AddBacklogGauge<RoutingDbContext>("support.routing.queue", "{ticket}", "tickets waiting for an agent",
            db => db.Tickets.Where(t => t.State == RoutingState.Queued && t.QueuedAt != null).Select(t => t.QueuedAt!.Value));
}
