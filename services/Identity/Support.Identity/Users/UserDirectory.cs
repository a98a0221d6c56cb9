using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Identity;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.Identity.Data;

namespace Support.Identity.Users;

/// <summary>Creating users with their event, the checks every way of creating one shares, and the users' events.</summary>
public static class UserDirectory
{
    public static string Aggregate(int userId) => $"user/{userId}";

    public enum Outcome { Created, Duplicate }

    public static User New(string email, string name, string role, int? agentId, int? customerId, DateTimeOffset now)
    {
        var normalized = EmailAddress.Normalize(email);
        return new User
        {
            Email = normalized, UserName = normalized, Name = name.Trim(), Role = role, AgentId = agentId, CustomerId = customerId,
            CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>
    /// Creates the user (its password checked beforehand with <see cref="ValidatePasswordAsync"/>) and queues UserCreated,
    /// in one transaction. A taken email, however two requests race for it, is <see cref="Outcome.Duplicate"/>.
    /// </summary>
    public static async Task<Outcome> CreateAsync(UserManager<User> users, IdentityDbContext db, User user, string password, CancellationToken ct)
    {
        try
        {
            await using var change = await db.BeginChangeAsync(ct);
            var result = await users.CreateAsync(user, password);
            if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                return Outcome.Duplicate;
            if (!result.Succeeded)
                throw new InvalidOperationException($"The user was not created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            RecordCreated(db, user);
            await change.CommitAsync(ct);
            return Outcome.Created;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Outcome.Duplicate;
        }
    }

    /// <summary>ASP.NET Core Identity's password rules (here: at least 10 characters), reported under "password".</summary>
    public static async Task ValidatePasswordAsync(UserManager<User> users, User user, string? password, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "'password' is required.");
            return;
        }
        errors.MaxLength("password", password, User.PasswordMaxLength);
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, user, password)).Errors)
                errors.Add("password", error.Description);
    }

    public static void ValidateRole(ValidationErrors errors, string? role)
    {
        if (role is null || !SupportRoles.All.Contains(role))
            errors.Add("role", $"'role' must be one of {string.Join(", ", SupportRoles.All)}.");
    }

    public static void ValidateLink(ValidationErrors errors, string field, int? id)
    {
        if (id is <= 0)
            errors.Add(field, $"'{field}' must be a positive id.");
    }

    public static void RecordCreated(IdentityDbContext db, User u) =>
        db.AddEvent(new UserCreated(u.Id, u.Email!, u.Name, u.Role, u.AgentId, u.CustomerId, u.CreatedAt), Aggregate(u.Id), u.CreatedAt);

    public static void RecordUpdated(IdentityDbContext db, User u) =>
        db.AddEvent(new UserUpdated(u.Id, u.Email!, u.Name, u.Role, u.Disabled, u.AgentId, u.CustomerId, u.UpdatedAt), Aggregate(u.Id), u.UpdatedAt);
}
