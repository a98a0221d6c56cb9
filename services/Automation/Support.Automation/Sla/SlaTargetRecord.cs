namespace Support.Automation.Sla;

/// <summary>
/// One of a ticket's SLA targets and its clock: the time it ran before its last pause (<see cref="Elapsed"/>), since
/// when it runs again (<see cref="RunningSince"/>, none while paused), and the due time that follows. Active targets
/// run; paused ones wait; a breached one keeps its due time and its clock until fulfilled.
/// </summary>
public class SlaTargetRecord
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public int PolicyId { get; set; }
    public string Metric { get; set; } = "";
    public int Minutes { get; set; }
    public bool BusinessHours { get; set; }
    public SlaTargetStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public TimeSpan Elapsed { get; set; }
    public DateTimeOffset? RunningSince { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? WarnAt { get; set; }
    public DateTimeOffset? WarnedAt { get; set; }
    public DateTimeOffset? BreachedAt { get; set; }
    public DateTimeOffset? FulfilledAt { get; set; }
    public int Version { get; set; }

    /// <summary>Whether it still counts toward the ticket's next due time: running, or breached and not yet fulfilled.</summary>
    public bool IsOpen => Status == SlaTargetStatus.Active || Status == SlaTargetStatus.Breached && FulfilledAt is null;

    /// <summary>Not yet achieved, fulfilled or cancelled: open, or paused.</summary>
    public bool IsPending => IsOpen || Status == SlaTargetStatus.Paused;
}
