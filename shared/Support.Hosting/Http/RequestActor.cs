using System.Security.Claims;
using Support.Contracts;
using Support.Hosting.Security;

namespace Support.Hosting.Http;

/// <summary>
/// Who is making a request, from its access token (never from a header a client can set): a customer or agent by the
/// record their user is linked to, an admin by that agent record or else by their user id, an integration by its
/// OAuth client id.
/// </summary>
public static class RequestActor
{
    public static Actor From(HttpRequest request) => From(request.HttpContext.User);

    public static Actor From(ClaimsPrincipal user)
    {
        var agentId = user.FindFirstValue(SupportClaims.AgentId);
        return user.FindFirstValue(SupportClaims.Role) switch
        {
            SupportRoles.Customer => new Actor("customer", user.FindFirstValue(SupportClaims.CustomerId)),
            SupportRoles.Agent => new Actor("agent", agentId),
            SupportRoles.Admin => agentId is not null ? new Actor("agent", agentId) : new Actor("admin", user.FindFirstValue(SupportClaims.Subject)),
            _ => new Actor("integration", user.FindFirstValue(SupportClaims.ClientId) ?? user.FindFirstValue(SupportClaims.Subject)),
        };
    }
}
