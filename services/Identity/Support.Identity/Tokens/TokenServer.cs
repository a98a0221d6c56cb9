using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Support.Hosting.Security;
using Support.Identity.Data;
using Support.Identity.SigningKeys;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Support.Identity.Tokens;

public static class TokenServer
{
    /// <summary>
    /// OpenIddict's server: the token endpoint (password, refresh-token and client-credentials grants), revocation,
    /// discovery and JWKS, with its clients and tokens in the service's database. Access tokens are signed, not
    /// encrypted, JWTs for support-api, so every service can validate them with JwtBearer.
    /// </summary>
    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowPasswordFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                server.RegisterScopes([.. SupportScopes.All, Scopes.OfflineAccess]);
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends in front of the gateway (a load balancer or reverse proxy): the service itself speaks HTTP.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, TokenServerOptions>();
        return builder;
    }
}

/// <summary>What the server's options take from the configuration and the database: issuer, lifetimes, keys.</summary>
internal sealed class TokenServerOptions(IOptions<IdentitySettings> settings, SigningKeyRing keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var identity = settings.Value;
        if (identity.Issuer is { Length: > 0 } issuer)
            options.Issuer = new Uri(issuer, UriKind.Absolute);
        options.AccessTokenLifetime = identity.AccessTokenLifetime;
        options.RefreshTokenLifetime = identity.RefreshTokenLifetime;
        // A refresh token works once: its reuse is refused at once, and revokes the tokens issued from it.
        options.RefreshTokenReuseLeeway = TimeSpan.Zero;
        // The newest key first: OpenIddict signs with the first one and publishes them all.
        foreach (var key in keys.Keys)
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        foreach (var key in keys.EncryptionKeys)
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
