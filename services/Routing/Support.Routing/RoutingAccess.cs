using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Routing;

/// <summary>Who may call what in the Routing service: agents work the queue and set their own status; admins configure.</summary>
public static class RoutingAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("POST", "/api/agents", AdminOnly, RoutingWrite),
        new("GET", "/api/agents", Staff, RoutingRead),
        new("GET", "/api/agents/{id}", Staff, RoutingRead),
        new("PATCH", "/api/agents/{id}", AdminOnly, RoutingWrite),
        new("PUT", "/api/agents/{id}/status", Staff, RoutingWrite),
        new("POST", "/api/groups", AdminOnly, RoutingWrite),
        new("GET", "/api/groups", Staff, RoutingRead),
        new("GET", "/api/groups/{id}", Staff, RoutingRead),
        new("PATCH", "/api/groups/{id}", AdminOnly, RoutingWrite),
        new("GET", "/api/routing/queue", Staff, RoutingRead),
        new("GET", "/api/routing/tickets/{id}", Staff, RoutingRead),
        new("POST", "/api/routing/tickets/{id}/escalate", Staff, RoutingWrite),
        new("GET", "/api/routing/categories", Staff, RoutingRead),
        new("PUT", "/api/routing/categories/{category}", AdminOnly, RoutingWrite),
        new("DELETE", "/api/routing/categories/{category}", AdminOnly, RoutingWrite),
        new("GET", "/api/routing/classifier", Staff, RoutingRead),
        new("POST", "/api/routing/classifier/examples", AdminOnly, RoutingWrite),
        new("POST", "/api/routing/classifier/train", AdminOnly, RoutingWrite),
        new("POST", "/api/routing/classifier/predict", Staff, RoutingRead),
    ];
}
