using Microsoft.IdentityModel.Tokens;

namespace Support.Hosting.Security;

/// <summary>
/// The keys Identity signs tokens with, for a host that runs Identity itself (the Identity service, the standalone
/// host): its services validate tokens against them directly instead of fetching the issuer's JWKS over HTTP.
/// </summary>
public interface ISigningKeySource
{
    /// <summary>The issuer the tokens name (Identity:Issuer).</summary>
    string Issuer { get; }

    /// <summary>Every key a valid token may be signed with: the current one and those still within their validation window.</summary>
    IReadOnlyList<SecurityKey> ValidationKeys { get; }
}
