namespace Support.Contracts.Identity;

// Identity events. Roles travel as "admin", "agent", "customer"; AgentId and CustomerId link a user to Routing's agent
// and Ticket's customer records.

public record UserCreated(int UserId, string Email, string Name, string Role, int? AgentId, int? CustomerId, DateTimeOffset CreatedAt);

/// <summary>The user as it is after a change (name, role, disabled, links).</summary>
public record UserUpdated(int UserId, string Email, string Name, string Role, bool Disabled, int? AgentId, int? CustomerId, DateTimeOffset UpdatedAt);
