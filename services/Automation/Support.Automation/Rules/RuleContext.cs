using Support.Time;
using Support.Automation.Schedules;
using Support.Automation.Tickets;
using static Support.Automation.Rules.RuleCatalog;

namespace Support.Automation.Rules;

/// <summary>
/// What a rule's conditions are checked against: the ticket (a working copy that earlier rules' actions changed), the
/// ticket as it was before the change (none for a creation: every field it has counts as changed), the change (none for
/// a time-based automation) and the time.
/// </summary>
public sealed class RuleContext(TicketCopy ticket, TicketCopy? before, TicketEvent? change, DateTimeOffset now, BusinessCalendar? calendar = null)
{
    public TicketCopy Ticket => ticket;

    /// <summary>The context of a ticket's event: the copy (with the change applied) and the copy with the change undone.</summary>
    public static RuleContext ForEvent(TicketCopy copy, TicketEvent change, DateTimeOffset now, BusinessCalendar? calendar = null)
    {
        TicketCopy? before = null;
        if (change.Kind != TicketEventKind.Created)
        {
            before = copy.Clone();
            foreach (var field in change.Changes.Where(c => SettableFields.Contains(c.Field) || c.Field == "tags"))
                TicketFields.Set(before, field.Field, field.OldValue);
        }
        return new RuleContext(copy.Clone(), before, change, now, calendar);
    }

    public bool Matches(RuleConditions conditions) =>
        conditions.All.All(Holds) && (conditions.Any.Count == 0 || conditions.Any.Exists(Holds));

    public bool Holds(RuleCondition c)
    {
        var (field, value) = (c.Field!, c.Value);
        switch (field)
        {
            case "event":
                return change is not null && Kind(change.Kind) == value;
            case "comment":
                return change?.Comment is { } comment && (comment.Public ? Public : Internal) == value;
            case "actor":
                return change is not null && (ActorKind(change.Actor) == value) == (c.Operator == Is);
            case "tags":
                var had = before?.Tags.Contains(value!) ?? false;
                var has = ticket.Tags.Contains(value!);
                return c.Operator switch { Includes => has, Excludes => !has, Added => has && !had, _ => had && !has };
            case "withinBusinessHours":
                return (calendar ?? BusinessCalendar.AlwaysOpen).IsOpen(change?.At ?? now) == (value == "true");
            case "subject":
                return ticket.Subject.Contains(value!, StringComparison.OrdinalIgnoreCase) == (c.Operator == Contains);
        }
        if (IsTime(field))
        {
            var since = Since(field);
            var hours = int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);
            return since is not null && (c.Operator == AtLeast ? (now - since.Value).TotalHours >= hours : (now - since.Value).TotalHours < hours);
        }
        var current = TicketFields.Get(ticket, field);
        var was = before is null ? null : TicketFields.Get(before, field);
        var changed = change is not null && current != was;
        return c.Operator switch
        {
            Is => current == value,
            IsNot => current != value,
            Changed => changed,
            NotChanged => change is not null && !changed,
            ChangedTo => changed && current == value,
            _ => changed && was == value, // changed_from
        };
    }

    /// <summary>Since when a time condition counts (none: it has not happened, e.g. no customer reply yet).</summary>
    public DateTimeOffset? Since(string field) => field switch
    {
        "hoursSinceCreated" => ticket.CreatedAt,
        "hoursSinceUpdated" => ticket.UpdatedAt,
        "hoursSinceStatusChanged" => ticket.StatusChangedAt,
        _ => ticket.LastCustomerReplyAt,
    };

    private static string Kind(TicketEventKind kind) => kind switch
    {
        TicketEventKind.Created => Created,
        TicketEventKind.Updated => Updated,
        _ => Commented,
    };
}
