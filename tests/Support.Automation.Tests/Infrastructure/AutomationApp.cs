using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts.Automation;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>
/// The Automation service in-process on a database and broker of its own (or on <paramref name="shared"/> servers: a
/// second replica), on a clock the test moves, with a subscriber that sees what it publishes and publishes the ticket
/// events it consumes.
/// </summary>
public class AutomationApp(ServiceServers? shared = null, ManualClock? clock = null) : ServiceApp<Program>("Automation", shared: shared)
{
    public ManualClock Clock { get; } = clock ?? new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    public EventListener Events { get; private set; } = null!;

    protected override async Task BeforeStartAsync() =>
        Events = await EventListener.StartAsync(RabbitMqUri,
            typeof(SlaApplied), typeof(SlaWarning), typeof(SlaBreached), typeof(SlaFulfilled), typeof(SlaDueChanged));

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Sla:CheckInterval", "00:00:00.100");
        builder.UseSetting("Sla:WarningLead", "00:10:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>The default app, shared by a collection's tests.</summary>
public sealed class DefaultAutomationApp() : AutomationApp();

[CollectionDefinition(Name)]
public sealed class AutomationAppCollection : ICollectionFixture<DefaultAutomationApp>
{
    public const string Name = "automation service on PostgreSQL and RabbitMQ";
}
