using Support.Contracts.Automation;

namespace Support.Analytics.Sla;

/// <summary>A ticket's SLA outcomes from its events: a pure function of the event set, as every read model here.</summary>
public static class SlaProjection
{
    public static IReadOnlyList<SlaOutcome> Build(IEnumerable<object> events) =>
        events.Select(e => e switch
            {
                SlaFulfilled { Breached: false } f => new SlaOutcome { TicketId = f.TicketId, Metric = f.Metric, Breached = false, At = f.FulfilledAt, PolicyId = f.PolicyId },
                SlaBreached b => new SlaOutcome { TicketId = b.TicketId, Metric = b.Metric, Breached = true, At = b.BreachedAt, PolicyId = b.PolicyId },
                _ => null,
            })
            .OfType<SlaOutcome>()
            // The same outcome announced twice (two messages, one content) counts once; times compare as stored, to the microsecond.
            .DistinctBy(o => (o.Metric, o.At.UtcTicks / 10, o.Breached))
            .ToList();
}
