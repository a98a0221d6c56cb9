namespace Support.Automation.Sla;

/// <summary>Which tickets a policy covers; each list given must contain the ticket's value, and every tag listed must be on the ticket.</summary>
public record SlaConditionsDto(
    List<string>? Priorities, List<int>? GroupIds, List<int>? OrganizationIds, List<string>? Channels, List<string>? Types, List<string>? Tags);

/// <summary>A target: for tickets of this priority, the metric must be met within these minutes, of business hours or of calendar time.</summary>
public record SlaPolicyTargetDto(string? Priority, string? Metric, int? Minutes, bool? BusinessHours);

/// <summary>The body of POST /api/automation/sla-policies; position (default: last) orders the policies, the first match applies.</summary>
public record CreateSlaPolicyRequest(string? Name, string? Description, int? Position, SlaConditionsDto? Conditions, List<SlaPolicyTargetDto?>? Targets);

/// <summary>The body of PATCH /api/automation/sla-policies/{id}: send only the fields to change (conditions and targets replace the whole).</summary>
public record UpdateSlaPolicyRequest(string? Name, string? Description, int? Position, SlaConditionsDto? Conditions, List<SlaPolicyTargetDto?>? Targets);

public record SlaPolicyResponse(
    int Id, string Name, string? Description, int Position, SlaConditions Conditions, IReadOnlyList<SlaPolicyTarget> Targets,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SlaPolicyResponse From(SlaPolicy p) => new(p.Id, p.Name, p.Description, p.Position, p.Conditions, p.Targets, p.CreatedAt, p.UpdatedAt);
}

/// <summary>One of a ticket's targets: its clock, its due time while running, and the time left (negative once breached).</summary>
public record TicketSlaTargetResponse(
    string Metric, int Minutes, bool BusinessHours, string Status, DateTimeOffset StartedAt, DateTimeOffset? DueAt, double? MinutesLeft,
    double ElapsedMinutes, DateTimeOffset? BreachedAt, DateTimeOffset? FulfilledAt, int PolicyId);

/// <summary>The ticket's SLA: the policy applied (none: no policy matches), its earliest due time, and every target, current and past.</summary>
public record TicketSlaResponse(int TicketId, int? PolicyId, string? PolicyName, DateTimeOffset? NextDueAt, IReadOnlyList<TicketSlaTargetResponse> Targets);
