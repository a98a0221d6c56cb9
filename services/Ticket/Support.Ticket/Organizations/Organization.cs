using Support.Hosting.Data;

namespace Support.Ticket.Organizations;

/// <summary>A company whose people ask for help; a new customer whose email domain is listed here joins it.</summary>
public class Organization : IVersioned
{
    public const int NameMaxLength = 200;
    public const int NotesMaxLength = 4000;
    public const int MaxDomains = 50;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public List<string> Domains { get; set; } = [];
    public string? Notes { get; set; }
    /// <summary>Its members may read each other's tickets (public comments only), as Zendesk's shared organisations.</summary>
    public bool SharesTickets { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
