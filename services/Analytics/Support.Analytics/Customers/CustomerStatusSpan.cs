namespace Support.Analytics.Customers;

/// <summary>A stretch of time in which the customer had one status ("active" or "churned").</summary>
public class CustomerStatusSpan
{
    public int CustomerId { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string Status { get; set; } = "";
}
