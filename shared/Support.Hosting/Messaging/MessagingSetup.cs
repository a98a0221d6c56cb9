using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Support.Hosting.Messaging;

public enum Transport { RabbitMq, InMemory }

public static class MessagingSetup
{
    private const string RegistrationsKey = "Support.Messaging.Registrations";

    /// <summary>Adds a service's consumers; <see cref="AddSupportMessaging"/> registers them all on the one bus.</summary>
    public static IHostApplicationBuilder AddConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        Registrations(builder).Add(register);
        return builder;
    }

    /// <summary>
    /// Lets an endpoint handle at most <paramref name="limit"/> messages at once while the broker still hands it
    /// Messaging:PrefetchCount (64) ahead: on its own, MassTransit prefetches only as many as an endpoint with a limit
    /// consumes at once, and each message beyond those waits a round trip to the broker.
    /// </summary>
    public static void LimitConcurrency(this IEndpointRegistrationConfigurator endpoint, int limit, IConfiguration configuration)
    {
        endpoint.ConcurrentMessageLimit = limit;
        endpoint.PrefetchCount = Math.Max(limit, PrefetchCount(configuration));
    }

    private static int PrefetchCount(IConfiguration configuration) => configuration.GetValue("Messaging:PrefetchCount", 64);

    /// <summary>
    /// One MassTransit bus for the process: RabbitMQ (ConnectionStrings:RabbitMq, an amqp:// URI) or, with
    /// Messaging:Transport=InMemory, the in-memory transport. Transient faults retry with backoff; a message that
    /// still fails goes to its queue's _error queue with the exception.
    /// </summary>
    public static IHostApplicationBuilder AddSupportMessaging(this IHostApplicationBuilder builder)
    {
        var transport = builder.Configuration.GetValue("Messaging:Transport", Transport.RabbitMq);
        var registrations = Registrations(builder);
        AddHealthAndShutdown(builder, transport);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new ServiceEndpointNameFormatter());
            // A self-hosted product does not report to MassTransit's vendor.
            bus.DisableUsageTelemetry();
            // MassTransit's own check (degraded at worst) stays out of readiness: BusHealthMonitor reports the bus there,
            // degraded during a short outage (the outbox holds the events, requests are served), unhealthy after a long one.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Remove("ready");
            });
            foreach (var register in registrations)
                register(bus);

            if (transport == Transport.InMemory)
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    ConfigureRetries(cfg);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }

            bus.UsingRabbitMq((context, cfg) =>
            {
                var configuration = context.GetRequiredService<IConfiguration>();
                var connectionString = configuration.GetConnectionString("RabbitMq")
                    ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured (or set Messaging:Transport=InMemory).");
                cfg.Host(new Uri(connectionString));
                cfg.PrefetchCount = PrefetchCount(configuration);
                // Each consumer holds a database connection: a backlog (after a restart) must not take the whole pool
                // (DatabaseSetup.MaxPoolSize) from the API's requests, which then waited long enough to lose answers.
                cfg.ConcurrentMessageLimit = configuration.GetValue("Messaging:ConcurrentMessageLimit", 4);
                ConfigureRetries(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// The bus's health in readiness and liveness (BusHealthMonitor, Messaging:UnhealthyAfter), and a shutdown bounded
    /// even while the broker is away: the bus gets Messaging:StopTimeout (5 s) to stop, the whole host
    /// Hosting:ShutdownTimeout (15 s), after which the process exits whatever is still waiting.
    /// </summary>
    private static void AddHealthAndShutdown(IHostApplicationBuilder builder, Transport transport)
    {
        builder.Services.AddOptions<MessagingHealthOptions>().BindConfiguration("Messaging");
        if (transport == Transport.RabbitMq && builder.Configuration.GetConnectionString("RabbitMq") is { } broker)
            builder.Services.AddSingleton(_ => new QueueConsumerProbe(new Uri(broker)));
        builder.Services.AddSingleton<BusHealthMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BusHealthMonitor>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("messaging",
            services => services.GetRequiredService<BusHealthMonitor>(), failureStatus: null, tags: ["ready", "live"]));

        var configuration = builder.Configuration;
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false; // the service starts without the broker; the outbox holds its events
            options.StopTimeout = configuration.GetValue("Messaging:StopTimeout", TimeSpan.FromSeconds(5));
        });
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = configuration.GetValue("Hosting:ShutdownTimeout", TimeSpan.FromSeconds(15)));
    }

    // Ten retries, 0.1 s growing to 30 s (about 110 s in all): a message outlives a PostgreSQL restart instead of
    // landing in _error (the fault suite saw 5 retries over 10 s dead-letter 62 Analytics events during one).
    private static void ConfigureRetries(IBusFactoryConfigurator cfg) =>
        cfg.UseMessageRetry(retry =>
        {
            retry.Exponential(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
            retry.Ignore<ArgumentException>();
        });

    private static List<Action<IBusRegistrationConfigurator>> Registrations(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(RegistrationsKey, out var existing))
            return (List<Action<IBusRegistrationConfigurator>>)existing;
        var list = new List<Action<IBusRegistrationConfigurator>>();
        builder.Properties[RegistrationsKey] = list;
        return list;
    }
}

/// <summary>Queue names carry the owning service ("routing-ticket-created"), so services consuming the same event never compete.</summary>
public sealed class ServiceEndpointNameFormatter() : KebabCaseEndpointNameFormatter(includeNamespace: false)
{
    public override string Consumer<T>() => $"{ServiceOf(typeof(T))}-{base.Consumer<T>()}";

    private static string ServiceOf(Type type)
    {
        var parts = (type.Namespace ?? "").Split('.');
        return (parts.Length > 1 && parts[0] == "Support" ? parts[1] : parts[0]).ToLowerInvariant();
    }
}
