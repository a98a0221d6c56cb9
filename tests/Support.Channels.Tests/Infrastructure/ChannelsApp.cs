using Microsoft.AspNetCore.Hosting;
using Support.Contracts.Channels;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Infrastructure;

/// <summary>
/// The Channels service in-process on a database and broker of its own, or on <paramref name="shared"/> servers (a
/// restart: a second instance on the first one's servers); a test app adds its email or webhook settings.
/// </summary>
public class ChannelsApp(bool sqlite = false, ServiceServers? shared = null) : ServiceApp<Program>("Channels", sqlite, shared)
{
    /// <summary>Settings the test sets on top of the common ones (the mail server's, a webhook test's).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }
}

/// <summary>The default app, shared by a collection's tests: no mail server.</summary>
public sealed class DefaultChannelsApp() : ChannelsApp();

[CollectionDefinition(Name)]
public sealed class ChannelsAppCollection : ICollectionFixture<DefaultChannelsApp>
{
    public const string Name = "channels service on PostgreSQL and RabbitMQ";
}

/// <summary>
/// The app sending through the tests' mail server and polling the support mailbox, with a subscriber that sees what
/// it publishes and publishes the ticket events it consumes.
/// </summary>
public sealed class MailChannelsApp : ChannelsApp
{
    public const long MaxMessageBytes = 300_000;

    public MailServer Mail { get; private set; } = null!;
    public EventListener Events { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        Mail = await MailServer.SharedAsync();
        foreach (var (key, value) in Mail.ChannelsSettings(pollInbox: true))
            Settings[key] = value;
        Settings["Email:MaxMessageBytes"] = MaxMessageBytes.ToString();
        Settings["Email:SendInterval"] = "00:00:00.200";
        Events = await EventListener.StartAsync(RabbitMqUri, typeof(EmailReceived), typeof(InboundEmailApplied));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<MailChannelsApp>
{
    public const string Name = "channels service with a real mail server";
}
