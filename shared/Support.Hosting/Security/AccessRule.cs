using Microsoft.AspNetCore.Authorization;

namespace Support.Hosting.Security;

/// <summary>Who may call an operation. Integrations (OAuth clients) may when the rule names a scope their token carries.</summary>
public enum Caller
{
    /// <summary>No token needed (sign-in, discovery, self-registration).</summary>
    Anonymous,
    /// <summary>Every signed-in user, customers included: the handler narrows what a customer sees to their own.</summary>
    AnyUser,
    /// <summary>Agents and admins.</summary>
    Staff,
    /// <summary>Admins only: configuration.</summary>
    AdminOnly,
}

/// <summary>One line of a service's rule table: an operation (method and route template) and who may call it.</summary>
public sealed record AccessRule(string Method, string Route, Caller Who, string? Scope = null) : IAuthorizationRequirement
{
    /// <summary>The route as the table writes it: lowercase, without parameter constraints ("/api/tickets/{id}").</summary>
    public static string Normalize(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?=]+)[^}]*\}", "{$1}").TrimEnd('/').ToLowerInvariant();

    public bool Allows(System.Security.Claims.ClaimsPrincipal user)
    {
        if (Who == Caller.Anonymous)
            return true;
        var role = user.FindFirst(SupportClaims.Role)?.Value;
        if (role is null)
            return Scope is not null && user.FindAll(SupportClaims.Scope).SelectMany(s => s.Value.Split(' ')).Contains(Scope);
        return Who switch
        {
            Caller.AnyUser => SupportRoles.All.Contains(role),
            Caller.Staff => role is SupportRoles.Agent or SupportRoles.Admin,
            _ => role == SupportRoles.Admin,
        };
    }
}

/// <summary>Grants an operation to the callers its rule allows.</summary>
public sealed class AccessRuleHandler : AuthorizationHandler<AccessRule>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRule requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && requirement.Allows(context.User))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
