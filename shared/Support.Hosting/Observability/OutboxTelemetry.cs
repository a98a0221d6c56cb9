using System.Diagnostics;
using System.Diagnostics.Metrics;
using Support.Hosting.Outbox;

namespace Support.Hosting.Observability;

/// <summary>The relay's side of a trace: publishing a row continues the trace of the request or message that wrote it.</summary>
public static class OutboxTelemetry
{
    public const string Name = $"{Telemetry.Prefix}.Outbox";
    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Delay = Meter.CreateHistogram<double>(
        "support.outbox.delay", "s", "Time from an event's commit to its publication by the outbox relay.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    /// <summary>A span for publishing the row, a child of the span that wrote it; MassTransit's publish span nests inside.</summary>
    public static Activity? StartPublish(OutboxMessage row, DateTimeOffset now)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        var activity = Source.StartActivity($"outbox publish {ShortTypeName(row.MessageType)}", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.message.id", row.MessageId.ToString());
            activity.SetTag("support.outbox.aggregate", row.Aggregate);
            activity.SetTag("support.outbox.waited_ms", (now - row.CreatedAt).TotalMilliseconds);
        }
        return activity;
    }

    public static void Published(OutboxMessage row, DateTimeOffset now) =>
        Delay.Record(Math.Max(0, (now - row.CreatedAt).TotalSeconds), new KeyValuePair<string, object?>("messaging.message.type", ShortTypeName(row.MessageType)));

    private static string ShortTypeName(string messageType)
    {
        var typeName = messageType.Split(',', 2)[0];
        return typeName[(typeName.LastIndexOf('.') + 1)..];
    }
}
