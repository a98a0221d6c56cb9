using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Support.Hosting.Security;

public static class AccessRules
{
    private static readonly AuthorizationPolicy NoRule = new AuthorizationPolicyBuilder(SupportAuthentication.Scheme)
        .RequireAssertion(_ => false).Build();

    /// <summary>
    /// Applies a service's rule table to the endpoints of a group: each endpoint gets the rule of its method and route;
    /// an endpoint without one is closed to everybody (and fails the access-matrix test) until the table names it.
    /// </summary>
    public static TBuilder WithAccessRules<TBuilder>(this TBuilder builder, IReadOnlyList<AccessRule> rules) where TBuilder : IEndpointConventionBuilder
    {
        var table = rules.ToDictionary(r => (r.Method, AccessRule.Normalize(r.Route)));
        builder.Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } raw })
                return;
            var route = AccessRule.Normalize(raw);
            var rule = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods)
                .Select(method => table.GetValueOrDefault((method, route))).FirstOrDefault(r => r is not null);
            if (rule is null)
                endpoint.Metadata.Add(NoRule);
            else if (rule.Who == Caller.Anonymous)
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            else
                endpoint.Metadata.Add(new AuthorizationPolicyBuilder(SupportAuthentication.Scheme).AddRequirements(rule).Build());
            if (rule is not null)
                endpoint.Metadata.Add(rule);
        });
        return builder;
    }
}
