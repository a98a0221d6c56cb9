using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Automation.Consumers;

/// <summary>
/// Applies a ticket's field changes to the copy, then its SLA and the triggers react to them. A status change older than the
/// copy's status is not applied: the whole-system benchmark saw 1–2 solves in a thousand undone by a late "open".
/// </summary>
public sealed class TicketUpdatedConsumer(AutomationDbContext db, TicketReactions reactions, TimeProvider clock, ILogger<TicketUpdatedConsumer> logger)
    : InboxConsumer<TicketUpdated, AutomationDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketUpdated> context)
    {
        var updated = context.Message;
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == updated.TicketId, context.CancellationToken)
            ?? throw new TicketNotKnownYetException(updated.TicketId);
        foreach (var change in updated.Changes)
            Apply(ticket, change, updated.UpdatedAt);
        ticket.UpdatedAt = updated.UpdatedAt > ticket.UpdatedAt ? updated.UpdatedAt : ticket.UpdatedAt;
        ticket.Version++;
        await reactions.ReactAsync(ticket, new TicketEvent(TicketEventKind.Updated, updated.Changes, null, updated.Actor, updated.UpdatedAt), context.CancellationToken);
    }

    private static void Apply(TicketCopy ticket, FieldChange change, DateTimeOffset at)
    {
        switch (change.Field)
        {
            // Updates can arrive out of order (a concurrent consumer's retry): an older status change must not undo a newer one.
            case "status" when change.NewValue is { } status && at >= ticket.StatusChangedAt:
                ticket.Status = status;
                ticket.StatusChangedAt = at;
                break;
            case "priority" when change.NewValue is { } priority:
                ticket.Priority = priority;
                break;
            case "type":
                ticket.Type = change.NewValue;
                break;
            case "assigneeId":
                ticket.AssigneeId = change.NewValue is null ? null : int.Parse(change.NewValue);
                break;
            case "groupId":
                ticket.GroupId = change.NewValue is null ? null : int.Parse(change.NewValue);
                break;
            case "subject" when change.NewValue is { } subject:
                ticket.Subject = subject.Length > 500 ? subject[..500] : subject;
                break;
            case "tags":
                ticket.Tags = (change.NewValue ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                break;
        }
    }
}
