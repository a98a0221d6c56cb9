using Support.Contracts.Tickets;

namespace Support.Contracts.Automation;

/// <summary>
/// Automation asks the Ticket service to apply what its triggers or time-based automations decided, as one change:
/// field changes (each with the value the rule saw: compare-and-set, a command whose old values no longer hold is
/// dropped), tags to add and remove, comments. The actor is ("trigger", "3,7": the rules that fired, in firing order)
/// or ("automation", "12"); the Ticket service audits and announces the change under it.
/// </summary>
public record TicketActionsRequested(
    Guid RequestId,
    int TicketId,
    IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<string> AddTags,
    IReadOnlyList<string> RemoveTags,
    IReadOnlyList<TicketCommentRequest> Comments,
    Actor Actor,
    DateTimeOffset RequestedAt);

/// <summary>A comment a rule adds: a public reply the requester sees, or an internal note.</summary>
public record TicketCommentRequest(string Body, bool Public);
