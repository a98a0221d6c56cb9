using Support.Automation.Automations;
using Support.Automation.Consumers;
using Support.Automation.Data;
using Support.Automation.Macros;
using Support.Automation.Schedules;
using Support.Automation.Sla;
using Support.Automation.Tickets;
using Support.Automation.Triggers;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;
using Support.Hosting.Security;

namespace Support.Automation;

/// <summary>The Automation service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class AutomationService
{
    public static IHostApplicationBuilder AddAutomationService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlaOptions>().BindConfiguration("Sla");
        builder.AddServiceDatabase<AutomationDbContext>("Automation");
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<TicketCreatedConsumer>();
            bus.AddConsumer<TicketUpdatedConsumer>();
            bus.AddConsumer<TicketCommentAddedConsumer>();
        });
        builder.Services.AddScoped<TicketReactions>();
        builder.Services.AddScoped<SlaTracker>();
        builder.Services.AddScoped<TriggerRunner>();
        builder.Services.AddHostedService<SlaClock>();
        builder.Services.AddOptions<AutomationOptions>().BindConfiguration("Automations");
        builder.Services.AddHostedService<BuiltInAutomations>();
        builder.Services.AddSingleton<AutomationScanner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AutomationScanner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAutomationService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithAccessRules(AutomationAccess.Rules) // who may call what: AutomationAccess
            .WithIdempotencyKeys<AutomationDbContext>(); // every POST accepts Idempotency-Key
        routes.MapSchedulesApi();
        routes.MapSlaPoliciesApi();
        routes.MapTicketSlaApi();
        routes.MapTriggersApi();
        routes.MapAutomationsApi();
        routes.MapMacrosApi();
        return host;
    }
}
