using Support.Hosting.Data;

namespace Support.Ticket.Customers;

/// <summary>A requester: someone who asks for help. Emails are stored lowercased and unique.</summary>
public class Customer : IVersioned
{
    public const int NameMaxLength = 200;
    public const int PhoneMaxLength = 50;
    public const int NotesMaxLength = 4000;
    public const decimal ValueMax = 9_999_999_999_999_999.99m;

    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public int? OrganizationId { get; set; }
    public string? Notes { get; set; }
    public CustomerStatus Status { get; set; }
    public decimal? Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
