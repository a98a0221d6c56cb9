namespace Support.Contracts.Customers;

public record CustomerCreated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset CreatedAt);

public record CustomerUpdated(int CustomerId, string Email, string Name, int? OrganizationId, DateTimeOffset UpdatedAt);
