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

/// <summary>A stretch of time in which the customer had one status ("active" or "churned").</summary>
public class CustomerStatusSpan
{
    public int CustomerId { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string Status { get; set; } = "";
}
