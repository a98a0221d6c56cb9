using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Support.Identity.Tests.Infrastructure;

/// <summary>
/// The Identity service in-process on a database of its own. <paramref name="adminPassword"/> null: the first admin
/// gets a generated password (read it from <see cref="Logs"/>).
/// </summary>
public class IdentityApp(string? adminPassword = IdentityApp.AdminPassword, bool selfRegistration = false, bool sqlite = false, ServiceServers? shared = null)
    : ServiceApp<Program>("Identity", sqlite, shared)
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct horse battery";

    public LogCapture Logs { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        if (adminPassword is not null)
        {
            builder.UseSetting("Identity:BootstrapAdmin:Email", AdminEmail);
            builder.UseSetting("Identity:BootstrapAdmin:Password", adminPassword);
        }
        builder.UseSetting("Identity:AllowSelfRegistration", selfRegistration.ToString());
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
    }
}

/// <summary>The default app: admin@example.com as the configured first admin, no self-registration.</summary>
public sealed class DefaultIdentityApp() : IdentityApp();

[CollectionDefinition(Name)]
public sealed class IdentityAppCollection : ICollectionFixture<DefaultIdentityApp>
{
    public const string Name = "identity service on PostgreSQL and RabbitMQ";
}

/// <summary>Every log line the app writes at Warning or above.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                capture.Lines.Enqueue(formatter(state, exception));
        }
    }
}
