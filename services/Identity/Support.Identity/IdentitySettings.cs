namespace Support.Identity;

/// <summary>The Identity section of the configuration.</summary>
public sealed class IdentitySettings
{
    /// <summary>The tokens' issuer (an absolute URI, e.g. the gateway's public address); unset: the address a request came to.</summary>
    public string? Issuer { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(90);
    /// <summary>How long a superseded signing key still validates tokens.</summary>
    public TimeSpan SigningKeyRetention { get; set; } = TimeSpan.FromDays(30);
    /// <summary>Whether anyone may create a customer account with POST /api/identity/register.</summary>
    public bool AllowSelfRegistration { get; set; }
    public BootstrapAdminSettings BootstrapAdmin { get; set; } = new();
    public LockoutSettings Lockout { get; set; } = new();
}

/// <summary>The first admin, created when there is none; no password: one is generated and logged once.</summary>
public sealed class BootstrapAdminSettings
{
    public string Email { get; set; } = "admin@localhost";
    public string? Password { get; set; }
}

public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
