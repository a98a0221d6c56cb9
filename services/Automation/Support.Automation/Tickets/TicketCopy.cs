namespace Support.Automation.Tickets;

/// <summary>
/// Automation's copy of a ticket, fed by the Ticket service's events: what SLA policies, triggers and automations read.
/// Values are the API's lowercase strings ("open", "urgent", "email"). It keeps no personal data (the requester is an
/// id), so a customer's erasure has nothing to erase here.
/// </summary>
public class TicketCopy
{
    public int Id { get; set; }
    public string Subject { get; set; } = "";
    public string Status { get; set; } = "new";
    public string Priority { get; set; } = "normal";
    public string? Type { get; set; }
    public string Channel { get; set; } = "web";
    public int? GroupId { get; set; }
    public int? AssigneeId { get; set; }
    public int RequesterId { get; set; }
    public int? OrganizationId { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    /// <summary>Public comments by staff (agents, admins, integrations): zero until the first reply.</summary>
    public int AgentReplies { get; set; }
    public DateTimeOffset? LastAgentReplyAt { get; set; }
    public DateTimeOffset? LastCustomerReplyAt { get; set; }
    /// <summary>The SLA policy applied (none: no policy matches).</summary>
    public int? SlaPolicyId { get; set; }
    /// <summary>The earliest due time of its active or breached and unfulfilled targets, as last announced.</summary>
    public DateTimeOffset? SlaNextDueAt { get; set; }
    public int Version { get; set; }

    public bool IsSolved => Status is TicketValues.Solved or TicketValues.Closed;

    /// <summary>An untracked copy to work on (rules' actions change it; the copy itself changes only by the ticket's events).</summary>
    public TicketCopy Clone()
    {
        var clone = (TicketCopy)MemberwiseClone();
        clone.Tags = [.. Tags];
        return clone;
    }
}
