namespace Support.Analytics.Customers;

/// <summary>A customer (requester) as the Ticket service last described them.</summary>
public class CustomerRecord
{
    public int CustomerId { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public int? OrganizationId { get; set; }
    public string Status { get; set; } = "";
    public decimal? Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
