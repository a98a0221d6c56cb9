namespace Support.Contracts.Automation;

// SLA events. Metrics travel as "first_reply_time", "next_reply_time", "periodic_update", "requester_wait_time" and
// "resolution_time"; a target's status as "active", "paused", "achieved", "breached" or "cancelled".

/// <summary>One target of a ticket's SLA: minutes allowed, in business or calendar time, and when it is due (none while paused or done).</summary>
public record SlaTarget(string Metric, int Minutes, bool BusinessHours, string Status, DateTimeOffset? DueAt);

/// <summary>A policy now applies to the ticket (first match of the ordered policies), with these targets.</summary>
public record SlaApplied(int TicketId, int PolicyId, string PolicyName, IReadOnlyList<SlaTarget> Targets, DateTimeOffset AppliedAt);

/// <summary>A target is due within the warning lead and not yet achieved.</summary>
public record SlaWarning(int TicketId, int PolicyId, string Metric, DateTimeOffset DueAt, DateTimeOffset WarnedAt);

/// <summary>A target's due time passed before it was achieved; announced once, whatever the redeliveries and replicas.</summary>
public record SlaBreached(int TicketId, int PolicyId, string Metric, DateTimeOffset DueAt, int? GroupId, string Priority, DateTimeOffset BreachedAt);

/// <summary>A target's event happened (the reply, the solve): in time, or after its breach (<see cref="Breached"/>).</summary>
public record SlaFulfilled(int TicketId, int PolicyId, string Metric, bool Breached, DateTimeOffset FulfilledAt);

/// <summary>The ticket's earliest due time among its active targets moved (none: nothing is due), for lists sorted by it.</summary>
public record SlaDueChanged(int TicketId, DateTimeOffset? NextDueAt, DateTimeOffset ChangedAt);
