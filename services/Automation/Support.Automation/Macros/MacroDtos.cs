using Support.Automation.Rules;

namespace Support.Automation.Macros;

/// <summary>The body of POST /api/automation/macros: shared (admins only) or, by default, the caller's own.</summary>
public record CreateMacroRequest(string? Title, string? Description, IReadOnlyList<RuleAction?>? Actions, bool? Shared, bool? Active);

/// <summary>The body of PATCH /api/automation/macros/{id}: send only the fields to change.</summary>
public record UpdateMacroRequest(string? Title, string? Description, IReadOnlyList<RuleAction>? Actions, bool? Active);

public record MacroResponse(
    int Id, string Title, string? Description, IReadOnlyList<RuleAction> Actions, bool Shared, bool Active, int UsageCount,
    DateTimeOffset? LastUsedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static MacroResponse From(Macro m) =>
        new(m.Id, m.Title, m.Description, m.Actions, m.Owner is null, m.Active, m.UsageCount, m.LastUsedAt, m.CreatedAt, m.UpdatedAt);
}

/// <summary>The body of POST …/preview and …/apply: the ticket to apply the macro to.</summary>
public record MacroTicketRequest(int? TicketId);

/// <summary>
/// What the macro does to the ticket: <see cref="Changes"/> is a merge-patch body for PATCH /api/tickets/{id} (only
/// the fields it changes; tags as the whole new list), <see cref="Comment"/> the comment it adds (for POST …/comments).
/// </summary>
public record MacroPreview(int TicketId, Dictionary<string, object?> Changes, MacroComment? Comment);

public record MacroComment(string Body, bool Public);
