using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Support.Automation.Automations;
using Support.Contracts.Automation;
using Support.Contracts.Channels;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>
/// The Automation service in-process on PostgreSQL and RabbitMQ of its own (or on <paramref name="shared"/> servers: a
/// second replica), with a subscriber that publishes the ticket events it consumes and records what it sends. The
/// scanner's own timer is an hour: tests run scans themselves.
/// </summary>
public class AutomationApp(ServiceServers? shared = null) : ServiceApp<Program>("Automation", shared: shared)
{
    public EventListener Events { get; private set; } = null!;

    public AutomationScanner Scanner => Services.GetRequiredService<AutomationScanner>();

    protected override async Task BeforeStartAsync() =>
        Events = await EventListener.StartAsync(RabbitMqUri, typeof(TicketActionsRequested), typeof(NotificationRequested));

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Automations:ScanInterval", "01:00:00");

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
