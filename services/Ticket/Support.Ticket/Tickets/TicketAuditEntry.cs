namespace Support.Ticket.Tickets;

public class TicketAuditEntry
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string ActorType { get; set; } = "";
    public string? ActorId { get; set; }
    public DateTimeOffset At { get; set; }
}
