using System.Text.Json.Serialization;

namespace Support.Ticket.Tickets;

/// <summary>The ticket list's orders: newest first (the default), or the earliest SLA due time first, tickets with nothing due last.</summary>
public enum TicketSort
{
    Newest,
    [JsonStringEnumMemberName("sla_due")] SlaDue,
}
