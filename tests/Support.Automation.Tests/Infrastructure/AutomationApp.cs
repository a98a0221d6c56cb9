using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Support.Automation.Automations;
using Support.Contracts.Automation;
using Support.Contracts.Channels;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>
/// The Automation service in-process on PostgreSQL and RabbitMQ of its own (or on <paramref name="shared"/> servers: a
/// second replica), with a subscriber that publishes the ticket events it consumes and records what it sends; on a
/// <paramref name="clock"/> the test moves, when given. The automation scanner's own timer is an hour: tests run scans
/// themselves; the SLA clock looks every 100 ms.
/// </summary>
public class AutomationApp(ServiceServers? shared = null, ManualClock? clock = null) : ServiceApp<Program>("Automation", shared: shared)
{
    public EventListener Events { get; private set; } = null!;

    public ManualClock Clock => clock ?? throw new InvalidOperationException("This app runs on the real clock.");

    public AutomationScanner Scanner => Services.GetRequiredService<AutomationScanner>();

    protected override async Task BeforeStartAsync() =>
        Events = await EventListener.StartAsync(RabbitMqUri, typeof(TicketActionsRequested), typeof(NotificationRequested),
            typeof(SlaApplied), typeof(SlaWarning), typeof(SlaBreached), typeof(SlaFulfilled), typeof(SlaDueChanged),
            typeof(BusinessScheduleChanged), typeof(BusinessScheduleDeleted));

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Automations:ScanInterval", "01:00:00");
        builder.UseSetting("Sla:CheckInterval", "00:00:00.100");
        builder.UseSetting("Sla:WarningLead", "00:10:00");
        if (clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DefaultAutomationApp() : AutomationApp();

[CollectionDefinition(Name)]
public sealed class AutomationAppCollection : ICollectionFixture<DefaultAutomationApp>
{
    public const string Name = "automation service on PostgreSQL and RabbitMQ";
}

/// <summary>The app for SLA scenarios: on a clock the tests move, starting on Monday 7 December 2026, 09:00 UTC.</summary>
public sealed class SlaApp() : AutomationApp(clock: new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));

[CollectionDefinition(Name)]
public sealed class SlaAppCollection : ICollectionFixture<SlaApp>
{
    public const string Name = "automation service on a manual clock, for SLA scenarios";
}
