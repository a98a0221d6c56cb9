using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Support.Hosting.Security;

/// <summary>
/// Every host validates access tokens itself (in depth: the gateway checks them too, and a request that bypasses it
/// still needs a token): JWTs from Identity (its keys in-process when this host runs Identity, else its JWKS read from
/// Authentication:Authority) and, when configured, from an external OpenID Connect provider whose claims are mapped
/// onto Support's. Every endpoint needs a signed-in caller unless it allows anonymous access.
/// </summary>
public static class SupportAuthentication
{
    public const string Scheme = "support";
    private const string IdentityScheme = "identity";
    private const string ExternalScheme = "external";
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384];

    public static IHostApplicationBuilder AddSupportAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Authentication").Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        // Authentication brings Data Protection, yet nothing here is protected with it (tokens are signed with Identity's
        // keys): its keys stay in memory, with no key files to persist (the containers' file systems are read-only).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Identity or the external provider, by the token's issuer", options =>
                options.ForwardDefaultSelector = context => settings.External?.Authority is { } external && IssuerOf(context) is { } issuer
                    && SameIssuer(issuer, external) ? ExternalScheme : IdentityScheme)
            .AddJwtBearer(IdentityScheme, options => Common(options, settings.Audience));
        builder.Services.AddOptions<JwtBearerOptions>(IdentityScheme).Configure<IServiceProvider>((options, services) =>
        {
            if (services.GetService<ISigningKeySource>() is { } local)
            {
                // Keys this install made itself: without a configured issuer (standalone) they alone say who issued the token.
                options.TokenValidationParameters.ValidIssuer = local.Issuer;
                options.TokenValidationParameters.ValidateIssuer = local.Issuer.Length > 0;
                options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => local.ValidationKeys;
                return;
            }
            var authority = settings.Authority
                ?? throw new InvalidOperationException("Authentication:Authority is not configured: set it to the Identity service's address (or an OpenID Connect provider's).");
            var issuer = settings.Issuer ?? authority;
            var requireHttps = authority.Scheme == Uri.UriSchemeHttps;
            options.TokenValidationParameters.ValidIssuer = issuer.AbsoluteUri;
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(authority, ".well-known/openid-configuration").AbsoluteUri, new OpenIdConnectConfigurationRetriever(),
                new IssuerDocumentRetriever(issuer, authority, requireHttps));
        });
        if (settings.External is { Authority: { } externalAuthority } external)
        {
            authentication.AddJwtBearer(ExternalScheme, options =>
            {
                Common(options, external.Audience);
                options.Authority = externalAuthority.AbsoluteUri;
                options.RequireHttpsMetadata = externalAuthority.Scheme == Uri.UriSchemeHttps;
                options.Events = new JwtBearerEvents { OnTokenValidated = context => MapClaims(context, external.ClaimMap) };
            });
        }

        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationHandler, AccessRuleHandler>();
        return builder;
    }

    private static void Common(JwtBearerOptions options, string audience)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudience = audience;
        options.TokenValidationParameters.ValidAlgorithms = Algorithms;
        options.TokenValidationParameters.NameClaimType = SupportClaims.Name;
        options.TokenValidationParameters.RoleClaimType = SupportClaims.Role;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
    }

    private static Task MapClaims(TokenValidatedContext context, Dictionary<string, string> map)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
            return Task.CompletedTask;
        foreach (var (supportClaim, providerClaim) in map)
        {
            foreach (var claim in identity.FindAll(providerClaim).ToList())
                identity.AddClaim(new Claim(supportClaim, claim.Value));
        }
        return Task.CompletedTask;
    }

    private static string? IssuerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Issuer : null;
    }

    private static bool SameIssuer(string issuer, Uri authority) =>
        string.Equals(issuer.TrimEnd('/'), authority.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
