using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Analytics;

/// <summary>Who may call what in Analytics: agents and admins read the reports; only admins (and integrations with analytics:write) rebuild the read models.</summary>
public static class AnalyticsAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("GET", "/api/analytics/summary", Staff, AnalyticsRead),
        new("GET", "/api/analytics/timeseries", Staff, AnalyticsRead),
        new("GET", "/api/analytics/agents", Staff, AnalyticsRead),
        new("GET", "/api/analytics/sla", Staff, AnalyticsRead),
        new("GET", "/api/analytics/sentiment", Staff, AnalyticsRead),
        new("GET", "/api/analytics/customers", Staff, AnalyticsRead),
        new("GET", "/api/analytics/customers/{id}", Staff, AnalyticsRead),
        new("GET", "/api/analytics/customers/segments", Staff, AnalyticsRead),
        new("GET", "/api/analytics/customers/{id}/personal-data", AdminOnly),
        new("GET", "/api/analytics/tickets/{id}", Staff, AnalyticsRead),
        new("POST", "/api/analytics/rebuild", AdminOnly, AnalyticsWrite),
    ];
}
