using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Support.Hosting.Security;
using Support.Identity.Clients;
using Support.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Support.Identity.Tokens;

/// <summary>
/// POST /connect/token after OpenIddict has validated the request (client, secret, grant type, scopes, the refresh
/// token): decides who the token is for and what it says. Password and refresh-token grants are users; client
/// credentials are integrations.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/connect/token", Exchange).ExcludeFromDescription();
        return routes;
    }

    public static async Task<Results<SignInHttpResult, ForbidHttpResult>> Exchange(
        HttpContext http, SignInManager<User> signIn, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (request.IsClientCredentialsGrantType())
            return await ClientAsync(request, applications, http.RequestAborted);

        User? user;
        IEnumerable<string> scopes = request.GetScopes();
        if (request.IsPasswordGrantType())
        {
            user = await signIn.UserManager.FindByEmailAsync(request.Username ?? "");
            if (user is null || user.Disabled)
                return Refuse("The email or password is wrong, or the account is disabled.");
            var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (result.IsLockedOut)
                return Refuse("The account is locked after too many failed sign-ins; try again later.");
            if (!result.Succeeded)
                return Refuse("The email or password is wrong, or the account is disabled.");
        }
        else
        {
            // Refresh token: OpenIddict has checked it (and redeemed it: a refresh token works once); the user may have changed since.
            var refreshed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            user = await signIn.UserManager.FindByIdAsync(refreshed.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || user.Disabled || await signIn.UserManager.IsLockedOutAsync(user))
                return Refuse("The account is disabled, locked or gone.");
            scopes = refreshed.Principal!.GetScopes();
        }
        return SignIn(UserIdentity(user), request.ClientId, scopes);
    }

    private static ClaimsIdentity UserIdentity(User user)
    {
        var identity = NewIdentity(user.Id.ToString(), user.Name)
            .SetClaim(SupportClaims.Email, user.Email)
            .SetClaim(SupportClaims.Role, user.Role);
        if (user.AgentId is { } agentId)
            identity.SetClaim(SupportClaims.AgentId, agentId);
        if (user.CustomerId is { } customerId)
            identity.SetClaim(SupportClaims.CustomerId, customerId);
        return identity;
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult>> ClientAsync(
        OpenIddictRequest request, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
            ?? throw new InvalidOperationException("OpenIddict let an unknown client through.");
        // No scope asked for: every scope the client was granted.
        IEnumerable<string> scopes = request.GetScopes();
        if (!scopes.Any())
            scopes = ClientsApi.ScopesOf(await applications.GetPermissionsAsync(application, ct));
        return SignIn(NewIdentity(request.ClientId!, await applications.GetDisplayNameAsync(application, ct)), request.ClientId, scopes);
    }

    private static ClaimsIdentity NewIdentity(string subject, string? name) =>
        new ClaimsIdentity(authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, SupportClaims.Name, SupportClaims.Role)
            .SetClaim(SupportClaims.Subject, subject)
            .SetClaim(SupportClaims.Name, name);

    private static SignInHttpResult SignIn(ClaimsIdentity identity, string? clientId, IEnumerable<string> scopes)
    {
        identity.SetClaim(SupportClaims.ClientId, clientId)
            .SetScopes(scopes)
            .SetResources(SupportClaims.Audience)
            .SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>invalid_grant, as RFC 6749 has it for a bad password, a locked or disabled account and a dead refresh token.</summary>
    private static ForbidHttpResult Refuse(string description) =>
        TypedResults.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
