namespace Support.Hosting.Security;

/// <summary>Where access tokens come from (the Authentication section).</summary>
public sealed class AuthenticationSettings
{
    /// <summary>Where the issuer's discovery document and keys are read: Identity's address as this host reaches it.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The issuer tokens name (<c>iss</c>), when it differs from <see cref="Authority"/> (Identity seen through the gateway).</summary>
    public Uri? Issuer { get; set; }

    public string Audience { get; set; } = SupportClaims.Audience;

    /// <summary>Another OpenID Connect provider (Keycloak, Entra ID, …) whose tokens are accepted beside Identity's.</summary>
    public ExternalProviderSettings? External { get; set; }
}

public sealed class ExternalProviderSettings
{
    public Uri? Authority { get; set; }

    public string Audience { get; set; } = SupportClaims.Audience;

    /// <summary>Support's claim ← the provider's claim, e.g. <c>role ← roles</c>, <c>customer_id ← support_customer</c>.</summary>
    public Dictionary<string, string> ClaimMap { get; set; } = [];
}
