namespace Support.Identity.Users;

public record CreateUserRequest(string? Email, string? Password, string? Name, string? Role, int? AgentId, int? CustomerId);

public record RegisterRequest(string? Email, string? Password, string? Name);

public record SetPasswordRequest(string? Password);

/// <summary>The body of PATCH /api/identity/users/{id}: send only the fields to change (name, role, disabled, agentId, customerId); null clears a link.</summary>
public record UpdateUserRequest(string? Name, string? Role, bool? Disabled, int? AgentId, int? CustomerId);

public record UserResponse(
    int Id, string Email, string Name, string Role, bool Disabled, int? AgentId, int? CustomerId, DateTimeOffset? LockedOutUntil,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.Email!, u.Name, u.Role, u.Disabled, u.AgentId, u.CustomerId, u.LockoutEnd > DateTimeOffset.UtcNow ? u.LockoutEnd : null,
            u.CreatedAt, u.UpdatedAt);
}
