using Support.Analytics.Data;
using Support.Hosting.Data;

namespace Support.Analytics;

/// <summary>The Analytics service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class AnalyticsService
{
    public static IHostApplicationBuilder AddAnalyticsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AnalyticsDbContext>("Analytics");
        return builder;
    }

    public static IEndpointRouteBuilder MapAnalyticsService(this IEndpointRouteBuilder routes)
    {
        return routes;
    }
}
