using OpenIddict.Validation.AspNetCore;
using Support.Hosting.Security;

namespace Support.Identity;

public static class IdentityAuthentication
{
    /// <summary>
    /// The Identity service validates its own tokens in-process (OpenIddict validation on the local server's keys).
    /// Kept apart so the shared JwtBearer authentication can replace it.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenIddict().AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.UseAspNetCore();
            validation.AddAudiences(SupportClaims.Audience);
        });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        return builder;
    }

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(policy => policy.RequireClaim(SupportClaims.Role, SupportRoles.Admin));
}
