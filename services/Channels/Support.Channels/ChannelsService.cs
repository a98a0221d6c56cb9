using Support.Channels.Consumers;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Inbound;
using Support.Channels.PersonalData;
using Support.Channels.Tickets;
using Support.Channels.Webhooks;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;
using Support.Hosting.Security;

namespace Support.Channels;

/// <summary>The Channels service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class ChannelsService
{
    public static IHostApplicationBuilder AddChannelsService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailSettings>().BindConfiguration("Email");
        // Chinese mail comes in GB18030, GBK and Big5 too, which .NET reads only with the code-page encodings registered.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        builder.AddServiceDatabase<ChannelsDbContext>("Channels");
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<TicketCreatedConsumer>();
            bus.AddConsumer<TicketUpdatedConsumer>();
            bus.AddConsumer<TicketAssignedConsumer>();
            bus.AddConsumer<TicketCommentAddedConsumer>();
            bus.AddConsumer<TicketSolvedConsumer>();
            bus.AddConsumer<CustomerUpdatedConsumer>();
            bus.AddConsumer<UserCreatedConsumer>();
            bus.AddConsumer<UserUpdatedConsumer>();
            bus.AddConsumer<NotificationRequestedConsumer>();
            bus.AddConsumer<InboundEmailAppliedConsumer>();
            bus.AddConsumer<CustomerErasureConsumer>();
        });
        builder.Services.AddScoped<EmailComposer>();
        builder.Services.AddScoped<InboundEmailIntake>();
        // Started after the schema migrator that AddServiceDatabase registered.
        builder.Services.AddHostedService<BuiltInTemplates>();
        builder.Services.AddHostedService<EmailSender>();
        builder.Services.AddHostedService<ImapPoller>();
        builder.AddWebhooks();
        return builder;
    }

    public static IEndpointRouteBuilder MapChannelsService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithAccessRules(ChannelsAccess.Rules) // who may call what: ChannelsAccess
            .WithIdempotencyKeys<ChannelsDbContext>(); // every POST accepts Idempotency-Key
        routes.MapTemplatesApi();
        routes.MapChannelLogApi();
        routes.MapInboundEmailApi();
        routes.MapWebhooksApi();
        return host;
    }
}
