using MassTransit;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Inbox;
using Support.Hosting.Text;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Consumers;

/// <summary>
/// What Automation's triggers or time-based automations decided, applied as one change under their actor, by the
/// ticket's usual rules (status transitions, assignment, tag normalisation), audited and announced like any change.
/// Compare-and-set: a command whose old values no longer hold is stale and dropped, since the newer change's own event
/// makes Automation decide again. A status the rules forbid from the current one is left out; the rest still applies.
/// </summary>
public sealed class TicketActionsRequestedConsumer(TicketDbContext db, TimeProvider clock, ILogger<TicketActionsRequestedConsumer> logger)
    : InboxConsumer<TicketActionsRequested, TicketDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketActionsRequested> context)
    {
        var request = context.Message;
        var ct = context.CancellationToken;
        await Db.Database.BeginTransactionAsync(ct); // committed by InboxConsumer with the events
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == request.TicketId, ct);
        if (ticket is null || ticket.Status == TicketStatus.Closed)
        {
            logger.LogInformation("Actions of {Actor} {ActorId} for ticket {TicketId} dropped: the ticket is {State}",
                request.Actor.Type, request.Actor.Id, request.TicketId, ticket is null ? "unknown" : "closed");
            return;
        }
        var before = TicketSnapshot.Of(ticket);
        if (request.Changes.FirstOrDefault(c => Current(before, c.Field) != c.OldValue) is { } stale)
        {
            logger.LogInformation("Actions of {Actor} {ActorId} for ticket {TicketId} dropped as stale: {Field} is {Current}, not {Expected}",
                request.Actor.Type, request.Actor.Id, request.TicketId, stale.Field, Current(before, stale.Field), stale.OldValue);
            return;
        }

        var now = Clock.Now();
        foreach (var change in request.Changes)
            Apply(ticket, change, now);
        var errors = new ValidationErrors();
        var tags = Tags.Normalize(ticket.Tags.Concat(request.AddTags).Except(Tags.Normalize(request.RemoveTags, "removeTags", errors)), "tags", errors);
        if (errors.Any)
            throw new ArgumentException($"TicketActionsRequested {request.RequestId} has invalid tags: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
        if (!tags.SequenceEqual(ticket.Tags))
            ticket.Tags = tags;

        var comments = request.Comments
            .Select(c => TicketComments.Add(Db, ticket, StorableText.Fit(c.Body, TicketComment.BodyMaxBytes), c.Public, AuthorType.System, request.Actor, now))
            .ToList();
        if (comments.Count == 0 && TicketSnapshot.Of(ticket) == before)
            return;
        ticket.UpdatedAt = now;
        ticket.Version++;
        await Db.SaveChangesAsync(ct);
        foreach (var comment in comments)
            comment.Record(Db);
        TicketHistory.RecordChanges(Db, before, ticket, request.Actor, now);
    }

    private void Apply(Tickets.Ticket ticket, FieldChange change, DateTimeOffset now)
    {
        switch (change.Field)
        {
            case "status" when EnumText.Parse<TicketStatus>(change.NewValue) is { } status:
                if (!ticket.ChangeStatus(status, now))
                    logger.LogWarning("Ticket {TicketId}: {Reason} The status change to {Status} is left out.", ticket.Id, Tickets.Ticket.WhyNot(ticket.Status, status), change.NewValue);
                break;
            case "priority" when EnumText.Parse<TicketPriority>(change.NewValue) is { } priority:
                ticket.Priority = priority;
                ticket.PriorityGiven = true; // a rule decided it: the classifier must not undo it
                break;
            case "type" when change.NewValue is null || EnumText.Parse<TicketType>(change.NewValue) is not null:
                ticket.Type = EnumText.Parse<TicketType>(change.NewValue);
                break;
            case "groupId" when Id(change.NewValue, out var groupId):
                ticket.GroupId = groupId;
                break;
            case "assigneeId" when Id(change.NewValue, out var assigneeId):
                if (assigneeId != ticket.AssigneeId)
                    ticket.Assign(assigneeId, now);
                break;
            default:
                throw new ArgumentException($"TicketActionsRequested for ticket {ticket.Id} cannot set {change.Field} to '{change.NewValue}'.");
        }
    }

    private static string? Current(TicketSnapshot ticket, string field) => field switch
    {
        "status" => ticket.Status.Wire(),
        "priority" => ticket.Priority.Wire(),
        "type" => ticket.Type.Wire(),
        "groupId" => ticket.GroupId?.ToString(),
        "assigneeId" => ticket.AssigneeId?.ToString(),
        _ => throw new ArgumentException($"TicketActionsRequested cannot change the field '{field}'."),
    };

    private static bool Id(string? text, out int? id)
    {
        id = int.TryParse(text, out var value) && value > 0 ? value : null;
        return text is null || id is not null;
    }
}
