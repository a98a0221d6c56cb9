using Support.Contracts.Automation;

namespace Support.Automation.Sla;

/// <summary>A breach, written once for the SLA clock and for a consumer that sees a late reply before the clock does.</summary>
public static class SlaBreaches
{
    /// <summary>Marks the target breached at its due time; returns its event.</summary>
    public static SlaBreached Mark(SlaTargetRecord t, int? groupId, string priority)
    {
        t.Status = SlaTargetStatus.Breached;
        t.BreachedAt = t.DueAt;
        t.WarnAt = null;
        t.Version++;
        return new SlaBreached(t.TicketId, t.PolicyId, t.Metric, t.DueAt!.Value, groupId, priority, t.BreachedAt!.Value);
    }
}
