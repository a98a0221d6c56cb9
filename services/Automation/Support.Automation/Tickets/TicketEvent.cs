using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Automation.Tickets;

/// <summary>What happened to a ticket, as SLA policies and triggers see it: its creation, field changes, or a comment.</summary>
public sealed record TicketEvent(TicketEventKind Kind, IReadOnlyList<FieldChange> Changes, TicketCommentAdded? Comment, Actor Actor, DateTimeOffset At)
{
    public FieldChange? Change(string field) => Changes.FirstOrDefault(c => c.Field == field);
}

public enum TicketEventKind { Created, Updated, Commented }
