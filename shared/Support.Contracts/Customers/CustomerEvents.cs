namespace Support.Contracts.Customers;

public record CustomerCreated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset CreatedAt,
    string Status = "active", decimal? Value = null);

public record CustomerUpdated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset UpdatedAt,
    string Status = "active", decimal? Value = null);
