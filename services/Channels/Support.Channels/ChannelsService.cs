using Support.Channels.Data;
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
        builder.AddServiceDatabase<ChannelsDbContext>("Channels");
        builder.AddConsumers(bus =>
        {
        });
        builder.AddWebhooks();
        return builder;
    }

    public static IEndpointRouteBuilder MapChannelsService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithAccessRules(ChannelsAccess.Rules) // who may call what: ChannelsAccess
            .WithIdempotencyKeys<ChannelsDbContext>(); // every POST accepts Idempotency-Key
        routes.MapWebhooksApi();
        return host;
    }
}
