using MassTransit;
using Support.Channels.Data;
using Support.Contracts;
using Support.Hosting.Messaging;

namespace Support.Channels.Webhooks;

public static class WebhooksSetup
{
    /// <summary>The one queue every published event reaches the webhooks on.</summary>
    public const string EventsQueue = "channels-webhook-events";

    /// <summary>
    /// Webhooks: a consumer of every published event (one queue, one message at a time, for per-ticket order), the
    /// dispatcher that sends and retries deliveries, and the two HTTP clients it sends with (no redirects, no cookies).
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookSubscriptions>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookSubscriptions>());
        builder.Services.ConfigureDbContext<ChannelsDbContext>((services, options) => options.AddInterceptors(
            services.GetRequiredService<WebhookSignal>(), services.GetRequiredService<WebhookSubscriptions>()), ServiceLifetime.Singleton);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        AddClient(builder, WebhookSender.PublicClient, WebhookTarget.ConnectToPublicAddressAsync);
        AddClient(builder, WebhookSender.PrivateNetworkClient, connect: null);
        builder.AddConsumers(bus =>
        {
            foreach (var eventType in PublishedEvents.Types)
                bus.AddConsumer(typeof(WebhookEventConsumer<>).MakeGenericType(eventType)).Endpoint(e =>
                {
                    e.Name = EventsQueue;
                    e.LimitConcurrency(1, builder.Configuration);
                });
        });
        return builder;
    }

    private static void AddClient(IHostApplicationBuilder builder, string name, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect) =>
        builder.Services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own (WebhookOptions.AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = connect,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers(); // every attempt is in the delivery log already
}
