namespace Support.Automation.Automations;

/// <summary>An automation acted on a ticket in a period (unique: once per period, however many scanners run).</summary>
public class AutomationFiring
{
    public long Id { get; set; }
    public int AutomationId { get; set; }
    public int TicketId { get; set; }
    public DateTimeOffset Period { get; set; }
    public DateTimeOffset FiredAt { get; set; }
}
