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
    /// One MassTransit bus for the process: RabbitMQ (ConnectionStrings:RabbitMq, an amqp:// URI) or, with
    /// Messaging:Transport=InMemory, the in-memory transport. Transient faults retry with backoff; a message that
    /// still fails goes to its queue's _error queue with the exception.
    /// </summary>
    public static IHostApplicationBuilder AddSupportMessaging(this IHostApplicationBuilder builder)
    {
        var transport = builder.Configuration.GetValue("Messaging:Transport", Transport.RabbitMq);
        var registrations = Registrations(builder);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new ServiceEndpointNameFormatter());
            // A self-hosted product does not report to MassTransit's vendor.
            bus.DisableUsageTelemetry();
            // The outbox holds events while the broker is away, so requests are still served: degraded, not unready.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
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
                cfg.PrefetchCount = configuration.GetValue("Messaging:PrefetchCount", 64);
                ConfigureRetries(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    private static void ConfigureRetries(IBusFactoryConfigurator cfg) =>
        cfg.UseMessageRetry(retry =>
        {
            retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
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
