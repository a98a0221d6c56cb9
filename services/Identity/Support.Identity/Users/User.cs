using Microsoft.AspNetCore.Identity;
using Support.Hosting.Data;

namespace Support.Identity.Users;

/// <summary>Someone who signs in: an admin, an agent or a customer. The user name is the email.</summary>
public class User : IdentityUser<int>, IVersioned
{
    public const int NameMaxLength = 200;
    public const int PasswordMaxLength = 256;

    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>A disabled user keeps their row but gets no token.</summary>
    public bool Disabled { get; set; }
    public int? AgentId { get; set; }
    public int? CustomerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
