using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;

namespace Support.Identity;

/// <summary>Who may call what in Identity: anyone signs in (and registers, when allowed); only admins manage users and clients.</summary>
public static class IdentityAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("POST", "/connect/token", Anonymous),
        new("POST", "/api/identity/register", Anonymous),
        new("GET", "/api/identity/me", AnyUser),
        new("POST", "/api/identity/users", AdminOnly),
        new("GET", "/api/identity/users", AdminOnly),
        new("GET", "/api/identity/users/{id}", AdminOnly),
        new("PATCH", "/api/identity/users/{id}", AdminOnly),
        new("POST", "/api/identity/users/{id}/password", AdminOnly),
        new("POST", "/api/identity/clients", AdminOnly),
        new("GET", "/api/identity/clients", AdminOnly),
        new("DELETE", "/api/identity/clients/{clientId}", AdminOnly),
        new("GET", "/api/identity/customers/{id}/export", AdminOnly),
        new("POST", "/api/identity/customers/{id}/erase", AdminOnly),
        new("GET", "/api/identity/erasures/{id}", AdminOnly),
        new("GET", "/api/identity/personal-data/requests", AdminOnly),
    ];
}
