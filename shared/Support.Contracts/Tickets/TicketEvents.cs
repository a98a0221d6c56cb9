namespace Support.Contracts.Tickets;

// Ticket events. Enum-like values (status, priority, type, channel) travel as the same lowercase strings
// the REST API uses, so subscribers in any language read them without our C# types.

public record TicketCreated(
    int TicketId,
    string Subject,
    string Description,
    string Status,
    string Priority,
    bool PriorityGiven,
    string? Type,
    string Channel,
    int RequesterId,
    string RequesterEmail,
    string RequesterName,
    int? OrganizationId,
    IReadOnlyList<string> Tags,
    Actor Actor,
    DateTimeOffset CreatedAt);

public record FieldChange(string Field, string? OldValue, string? NewValue);

public record TicketUpdated(int TicketId, IReadOnlyList<FieldChange> Changes, Actor Actor, DateTimeOffset UpdatedAt);

public record TicketStatusChanged(int TicketId, string OldStatus, string NewStatus, int? AssigneeId, Actor Actor, DateTimeOffset ChangedAt);

public record TicketAssigned(
    int TicketId,
    int? AssigneeId,
    int? PreviousAssigneeId,
    int? GroupId,
    int? PreviousGroupId,
    string Priority,
    Actor Actor,
    DateTimeOffset AssignedAt);

public record TicketSolved(int TicketId, int? AssigneeId, int? GroupId, int RequesterId, DateTimeOffset CreatedAt, DateTimeOffset SolvedAt, Actor Actor);

public record TicketReopened(int TicketId, int ReopenCount, int? AssigneeId, int? GroupId, string Priority, Actor Actor, DateTimeOffset ReopenedAt);

public record TicketCommentAdded(
    int TicketId,
    long CommentId,
    string Body,
    bool Public,
    Actor Author,
    bool IsFirstReply,
    DateTimeOffset CreatedAt);

public record SatisfactionRated(int TicketId, string Score, string? Comment, int? AssigneeId, int RequesterId, DateTimeOffset RatedAt);

/// <summary>What the Ticket service made of an EmailReceived: a new ticket (CommentId null) or a comment on one.</summary>
public record InboundEmailApplied(Guid EmailId, int TicketId, long? CommentId, DateTimeOffset AppliedAt);
