namespace Support.Analytics.Sla;

/// <summary>
/// One SLA target's outcome, for the attainment report: achieved (fulfilled in time) or breached, at the event's time.
/// A fulfilment after the breach adds nothing: the breach counted.
/// </summary>
public class SlaOutcome
{
    public int TicketId { get; set; }
    public string Metric { get; set; } = "";
    public bool Breached { get; set; }
    public DateTimeOffset At { get; set; }
    public int PolicyId { get; set; }
}
