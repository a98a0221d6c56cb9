using Microsoft.AspNetCore.Hosting;

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
