using Support.Contracts.Tickets;
using Support.Contracts;
using Support.Hosting.Text;
using Support.Ticket.Data;

namespace Support.Ticket.Tickets;

/// <summary>The fields whose changes are audited and announced.</summary>
public record TicketSnapshot(
    TicketStatus Status, TicketPriority Priority, TicketType? Type, int? AssigneeId, int? GroupId,
    string Subject, string? Category, string Tags, string? Satisfaction)
{
    public static TicketSnapshot Of(Ticket t) =>
        new(t.Status, t.Priority, t.Type, t.AssigneeId, t.GroupId, t.Subject, t.Category, string.Join(",", t.Tags), t.Satisfaction.Wire());
}

/// <summary>Turns a change to a ticket into its audit entries and events, in the caller's unit of work.</summary>
public static class TicketHistory
{
    public static string Aggregate(int ticketId) => $"ticket/{ticketId}";

    public static void RecordCreated(TicketDbContext db, Ticket t, Actor actor)
    {
        Audit(db, t.Id, "ticket", null, "created", actor, t.CreatedAt);
        db.AddEvent(new TicketCreated(
            t.Id, t.Subject, t.Description, t.Status.Wire(), t.Priority.Wire(), t.PriorityGiven, t.Type.Wire(), t.Channel.Wire(),
            t.RequesterId, t.Requester!.Email, t.Requester.Name, t.OrganizationId, t.Tags.ToArray(), actor, t.CreatedAt),
            Aggregate(t.Id), t.CreatedAt);
    }

    /// <summary>Records what changed since <paramref name="before"/>; returns the changes (none: nothing recorded).</summary>
    public static IReadOnlyList<FieldChange> RecordChanges(TicketDbContext db, TicketSnapshot before, Ticket t, Actor actor, DateTimeOffset now)
    {
        var after = TicketSnapshot.Of(t);
        var changes = new List<FieldChange>();
        void Compare<T>(string field, T old, T current, Func<T, string?> text)
        {
            if (!EqualityComparer<T>.Default.Equals(old, current))
                changes.Add(new FieldChange(field, text(old), text(current)));
        }
        Compare("status", before.Status, after.Status, s => s.Wire());
        Compare("priority", before.Priority, after.Priority, p => p.Wire());
        Compare("type", before.Type, after.Type, p => p.Wire());
        Compare("assigneeId", before.AssigneeId, after.AssigneeId, id => id?.ToString());
        Compare("groupId", before.GroupId, after.GroupId, id => id?.ToString());
        Compare("subject", before.Subject, after.Subject, s => s);
        Compare("category", before.Category, after.Category, s => s);
        Compare("tags", before.Tags, after.Tags, s => s);
        Compare("satisfaction", before.Satisfaction, after.Satisfaction, s => s);
        if (changes.Count == 0)
            return changes;

        var aggregate = Aggregate(t.Id);
        foreach (var change in changes)
            Audit(db, t.Id, change.Field, change.OldValue, change.NewValue, actor, now);
        db.AddEvent(new TicketUpdated(t.Id, changes, actor, now), aggregate, now);

        if (before.Status != t.Status)
        {
            db.AddEvent(new TicketStatusChanged(t.Id, before.Status.Wire(), t.Status.Wire(), t.AssigneeId, actor, now), aggregate, now);
            if (t.Status == TicketStatus.Solved)
                db.AddEvent(new TicketSolved(t.Id, t.AssigneeId, t.GroupId, t.RequesterId, t.CreatedAt, now, actor), aggregate, now);
            if (before.Status == TicketStatus.Solved && t.Status == TicketStatus.Open)
                db.AddEvent(new TicketReopened(t.Id, t.ReopenCount, t.AssigneeId, t.GroupId, t.Priority.Wire(), actor, now), aggregate, now);
        }
        if (before.AssigneeId != t.AssigneeId || before.GroupId != t.GroupId)
            db.AddEvent(new TicketAssigned(t.Id, t.AssigneeId, before.AssigneeId, t.GroupId, before.GroupId, t.Priority.Wire(), actor, now), aggregate, now);
        return changes;
    }

    public static void Audit(TicketDbContext db, int ticketId, string field, string? oldValue, string? newValue, Actor actor, DateTimeOffset at) =>
        db.Audit.Add(new TicketAuditEntry
        {
            TicketId = ticketId, Field = field, OldValue = Truncate(oldValue), NewValue = Truncate(newValue),
            ActorType = actor.Type, ActorId = actor.Id, At = at,
        });

    private static string? Truncate(string? value) => value is { Length: > 1000 } ? value[..1000] : value;
}
