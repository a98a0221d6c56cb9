namespace Support.Analytics.Tickets;

/// <summary>What reports group a ticket by, copied onto its spans and comments so that each report reads one table.</summary>
public class TicketAttributes
{
    public string Channel { get; set; } = "";
    public string Priority { get; set; } = "";
    public string? Category { get; set; }
    public int? GroupId { get; set; }
    public int? AssigneeId { get; set; }
    public int? OrganizationId { get; set; }
}
