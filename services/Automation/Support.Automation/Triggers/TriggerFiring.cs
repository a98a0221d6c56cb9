namespace Support.Automation.Triggers;

/// <summary>A trigger fired on a ticket: the record of what triggers did, and their counts.</summary>
public class TriggerFiring
{
    public long Id { get; set; }
    public int TriggerId { get; set; }
    public int TicketId { get; set; }
    public DateTimeOffset FiredAt { get; set; }
}
