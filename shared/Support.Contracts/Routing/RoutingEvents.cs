namespace Support.Contracts.Routing;

// Routing events. Policies travel as "round_robin", "least_loaded", "skills_based" (or "manual", "escalation");
// priorities and agent statuses as the API's lowercase strings.

/// <summary>
/// A routing decision: the ticket belongs to this group and goes to this agent, by this policy, for this reason.
/// A null agent means the ticket waits in the group's queue (a TicketQueued says where).
/// </summary>
public record TicketRouted(int TicketId, int? AgentId, int? GroupId, string Policy, string Reason, DateTimeOffset RoutedAt);

/// <summary>
/// What the classifier predicted from a new ticket's text. Category is null when the prediction was below the
/// confidence threshold; Priority is predicted only when the requester gave none.
/// </summary>
public record TicketClassified(
    int TicketId,
    string? Category,
    double CategoryConfidence,
    string? Priority,
    double? PriorityConfidence,
    int ModelVersion,
    DateTimeOffset ClassifiedAt);

/// <summary>The ticket waits for an agent of the group, at this position of its queue (1 = next); no group: none exists yet.</summary>
public record TicketQueued(int TicketId, int? GroupId, int Position, string Priority, DateTimeOffset QueuedAt);

/// <summary>The ticket moved up to a higher tier. Trigger is "unassigned", "unanswered", "urgent" or "manual".</summary>
public record TicketEscalated(int TicketId, int FromGroupId, int ToGroupId, string Trigger, string Reason, Actor Actor, DateTimeOffset EscalatedAt);

/// <summary>An agent's availability changed ("online", "away", "offline").</summary>
public record AgentStatusChanged(int AgentId, string OldStatus, string NewStatus, DateTimeOffset ChangedAt);
