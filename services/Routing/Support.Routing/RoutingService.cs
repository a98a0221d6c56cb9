using MassTransit;
using Support.Contracts.Tickets;
using Support.Hosting.Security;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;
using Support.Routing.Agents;
using Support.Routing.Assignment;
using Support.Routing.Categories;
using Support.Routing.Classifier;
using Support.Routing.Consumers;
using Support.Routing.Data;
using Support.Routing.Escalation;
using Support.Routing.Groups;
using Support.Routing.Tickets;
using Support.Text;

namespace Support.Routing;

/// <summary>The Routing service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class RoutingService
{
    public static IHostApplicationBuilder AddRoutingService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RoutingDbContext>("Routing");
        builder.Services.AddScoped<TicketRouter>();
        builder.Services.AddQueueGauges();
        builder.Services.AddSingleton<CurrentClassifier>();
        ChineseWords.Load(); // the classifier reads jieba's words: no ticket should wait a second for its dictionary
        builder.Services.AddOptions<ClassifierOptions>().BindConfiguration("Routing:Classifier");
        builder.Services.AddOptions<EscalationOptions>().BindConfiguration("Routing:Escalation");
        builder.Services.AddSingleton<EscalationScanner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EscalationScanner>());
        // Each consumer waits for the routing lock inside a database transaction: a few at a time per queue keep the
        // waiting connections few, instead of one per prefetched message.
        var concurrency = builder.Configuration.GetValue("Routing:ConcurrentMessageLimit", 4);
        builder.AddConsumers(bus =>
        {
            void Add<TConsumer>() where TConsumer : class, IConsumer =>
                bus.AddConsumer<TConsumer>().Endpoint(endpoint => endpoint.LimitConcurrency(concurrency, builder.Configuration));
            // The events every ticket brings (created, solved) come in batches that take the lock once; two batches per
            // instance, so one prepares (classifies) while the other holds the lock.
            var batches = builder.Configuration.GetSection("Routing:Batch");
            bus.AddBatchConsumer<TicketCreatedConsumer, TicketCreated>(batches, TicketCreatedConsumer.IsValid);
            Add<TicketAssignedConsumer>();
            bus.AddBatchConsumer<TicketSolvedConsumer, TicketSolved>(batches);
            bus.AddBatchConsumer<TicketStatusChangedConsumer, TicketStatusChanged>(batches);
            Add<TicketReopenedConsumer>();
            Add<TicketUpdatedConsumer>();
            Add<TicketCommentAddedConsumer>();
            Add<SlaBreachedConsumer>();
            Add<PersonalData.CustomerErasureConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRoutingService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithIdempotencyKeys<RoutingDbContext>().WithAccessRules(RoutingAccess.Rules); // every POST accepts Idempotency-Key; who may call what: RoutingAccess
        routes.MapGroupsApi();
        routes.MapAgentsApi();
        routes.MapRoutingApi();
        routes.MapCategoriesApi();
        routes.MapClassifierApi();
        return host;
    }
}
