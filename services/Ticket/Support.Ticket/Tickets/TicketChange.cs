using Support.Hosting.Http;

namespace Support.Ticket.Tickets;

/// <summary>The fields a PATCH may change, read from its body; Set* tells which were present.</summary>
public sealed class TicketChange
{
    private TicketStatus? status;
    private TicketPriority? priority;
    private TicketType? type;
    private int? assigneeId, groupId;
    private string? subject, category;
    private List<string>? tags;
    private bool setStatus, setPriority, setType, setAssignee, setGroup, setSubject, setCategory, setTags;

    /// <summary>Reads the fields present; the caller refuses the ones this does not ask for.</summary>
    public static TicketChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new TicketChange();
        change.setStatus = patch.TryGet("status", out change.status);
        change.setPriority = patch.TryGet("priority", out change.priority);
        change.setType = patch.TryGet("type", out change.type, nullable: true);
        change.setAssignee = patch.TryGet("assigneeId", out change.assigneeId, nullable: true);
        change.setGroup = patch.TryGet("groupId", out change.groupId, nullable: true);
        change.setSubject = patch.TryGet("subject", out change.subject);
        change.setCategory = patch.TryGet("category", out change.category, nullable: true);
        change.setTags = patch.TryGet<List<string?>>("tags", out var rawTags);

        if (change.setSubject)
            errors.Required("subject", change.subject, Ticket.SubjectMaxLength);
        if (change.setCategory)
            errors.MaxLength("category", change.category, Ticket.CategoryMaxLength);
        if (change.setAssignee && change.assigneeId <= 0)
            errors.Add("assigneeId", "'assigneeId' must be a positive agent id, or null to unassign.");
        if (change.setGroup && change.groupId <= 0)
            errors.Add("groupId", "'groupId' must be a positive group id, or null.");
        if (change.setTags)
            change.tags = Tags.Normalize(rawTags, "tags", errors);
        return change;
    }

    /// <summary>Applies the change; false (with the reason under "status") when the status rules forbid it.</summary>
    public bool ApplyTo(Ticket ticket, DateTimeOffset now, ValidationErrors errors)
    {
        if (setPriority && priority != ticket.Priority)
        {
            ticket.Priority = priority!.Value;
            ticket.PriorityGiven = true;
        }
        if (setType) ticket.Type = type;
        if (setGroup) ticket.GroupId = groupId;
        if (setSubject) ticket.Subject = subject!.Trim();
        if (setCategory) ticket.Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (setTags) ticket.Tags = tags!;
        if (setStatus && !ticket.ChangeStatus(status!.Value, now))
        {
            errors.Add("status", Ticket.WhyNot(ticket.Status, status.Value));
            return false;
        }
        if (setAssignee && assigneeId != ticket.AssigneeId)
            ticket.Assign(assigneeId, now);
        return true;
    }
}
