using Support.Hosting.Security;
using MassTransit;
using Support.Analytics.Customers;
using Support.Analytics.Data;
using Support.Analytics.PersonalData;
using Support.Analytics.EventStore;
using Support.Analytics.Reports;
using Support.Analytics.Sentiment;
using Support.Analytics.Sla;
using Support.Analytics.Tickets;
using Support.Contracts;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;

namespace Support.Analytics;

/// <summary>The Analytics service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class AnalyticsService
{
    /// <summary>The one queue every recorded event arrives on.</summary>
    public const string EventsQueue = "analytics-events";

    public static IHostApplicationBuilder AddAnalyticsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AnalyticsDbContext>("Analytics");
        builder.Services.AddScoped<Projector>();
        builder.Services.AddScoped<ReportCalculator>();
        builder.AddConsumers(bus =>
        {
            foreach (var eventType in PublishedEvents.Types)
                bus.AddConsumer(typeof(EventRecorder<>).MakeGenericType(eventType), typeof(EventRecorderDefinition<>).MakeGenericType(eventType))
                    .Endpoint(e => e.Name = EventsQueue);
            bus.AddConsumer<CustomerErasureConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapAnalyticsService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithIdempotencyKeys<AnalyticsDbContext>().WithAccessRules(AnalyticsAccess.Rules); // every POST accepts Idempotency-Key; who may call what: AnalyticsAccess
        routes.MapReportsApi();
        routes.MapSlaApi();
        routes.MapTicketsApi();
        routes.MapCustomersApi();
        routes.MapSentimentApi();
        routes.MapPersonalDataApi();
        return host;
    }
}
