namespace Support.Contracts.Customers;

public record CustomerCreated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset CreatedAt,
    string Status = "active", decimal? Value = null);

public record CustomerUpdated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset UpdatedAt,
    string Status = "active", decimal? Value = null);

/// <summary>The Ticket service's customer record for a customer user (found by their email, or made for them).</summary>
public record CustomerAccountLinked(int UserId, int CustomerId, DateTimeOffset LinkedAt);
