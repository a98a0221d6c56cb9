using Support.Hosting.Security;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Routing;
using Support.Hosting.Messaging;
using Support.Ticket.Consumers;
using Support.Ticket.Customers;
using Support.Ticket.Data;
using Support.Ticket.PersonalData;
using Support.Ticket.Organizations;
using Support.Ticket.Tickets;

namespace Support.Ticket;

/// <summary>The Ticket service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class TicketService
{
    public static IHostApplicationBuilder AddTicketService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TicketDbContext>("Ticket");
        builder.AddConsumers(bus =>
        {
            // What Routing and the knowledge base send back for every new ticket comes in batches, one transaction each.
            var batches = builder.Configuration.GetSection("Ticket:Batch");
            bus.AddBatchConsumer<TicketRoutedConsumer, TicketRouted>(batches, TicketRoutedConsumer.IsValid);
            bus.AddBatchConsumer<TicketClassifiedConsumer, TicketClassified>(batches, TicketClassifiedConsumer.IsValid);
            bus.AddBatchConsumer<ArticlesSuggestedConsumer, ArticlesSuggested>(batches);
            bus.AddConsumer<CustomerErasureConsumer>();
            bus.AddConsumer<UserCreatedConsumer>();
            bus.AddConsumer<EmailReceivedConsumer>();
            bus.AddConsumer<TicketActionsRequestedConsumer>();
            bus.AddConsumer<SlaDueChangedConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapTicketService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithIdempotencyKeys<TicketDbContext>().WithAccessRules(TicketAccess.Rules); // every POST accepts Idempotency-Key; who may call what: TicketAccess
        routes.MapTicketsApi();
        routes.MapCustomersApi();
        routes.MapOrganizationsApi();
        routes.MapPersonalDataApi();
        return host;
    }
}
