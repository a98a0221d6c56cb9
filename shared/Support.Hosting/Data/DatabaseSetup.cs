using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Support.Hosting.Idempotency;
using Support.Hosting.Observability;
using Support.Hosting.Outbox;

namespace Support.Hosting.Data;

public enum DatabaseProvider { Postgres, Sqlite }

public static class DatabaseSetup
{
    /// <summary>
    /// Connections one service instance opens at most (Npgsql's default is 100): five services at the default would
    /// ask for more than PostgreSQL's max_connections of 300 after a restart's burst (the fault suite saw "remaining
    /// connection slots are reserved"); at 40 a burst waits in the pool instead. Keep instances × 40 under it.
    /// </summary>
    public const int MaxPoolSize = 40;

    /// <summary>
    /// Registers a service's DbContext on PostgreSQL or SQLite (Database:Provider), with its connection string
    /// ConnectionStrings:{name}, schema set-up at start, a readiness check, the outbox relay and the idempotency keys' cleanup.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : ServiceDbContext
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Postgres);
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(name)
                ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
            if (provider == DatabaseProvider.Sqlite)
                options.UseSqlite(connectionString);
            else
                options.UseNpgsql(WithServiceDefaults(connectionString));
            options.AddInterceptors(services.GetRequiredService<OutboxSignal<TContext>>(), Idempotency.IdempotencyCommitMarker.Instance);
            // Conflicts (unique keys, versions) are expected and handled by the callers; unhandled ones still reach the exception handler's log.
            options.ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));
        });
        builder.Services.AddHostedService<SchemaMigrator<TContext>>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.AddIdempotencyKeys<TContext>();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddBacklogGauge<TContext>("support.outbox", "{event}", "events committed but not yet published",
            db => db.Outbox.Where(m => m.PublishedAt == null).Select(m => m.CreatedAt));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck<TContext>>($"{name.ToLowerInvariant()}-database", tags: ["ready"])
            .AddCheck<OutboxHealthCheck<TContext>>($"{name.ToLowerInvariant()}-outbox", tags: ["ready", "live"]);
        return builder;
    }

    /// <summary>
    /// Applies pending migrations holding a session lock, so replicas starting together apply each once: EF's own lock
    /// is released after every migration, and a replica would then re-apply one from its stale list (dotnet/efcore#34439).
    /// </summary>
    public static async Task MigratePostgresAsync(DbContext db, CancellationToken cancellationToken)
    {
        const string key = "hashtext('__EFMigrationsHistory')";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Prepared statements for the few queries a service repeats, no session reset on every pool checkout, and at most
    /// <see cref="MaxPoolSize"/> connections; a connection string that sets any of them keeps its own value.
    /// </summary>
    public static string WithServiceDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = MaxPoolSize;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}

/// <summary>
/// Brings the schema up to date before the service takes requests: EF Core migrations on PostgreSQL (EF takes a
/// database lock, so replicas starting together are safe); on SQLite, the standalone mode, the schema is created.
/// </summary>
internal sealed class SchemaMigrator<TContext>(IServiceProvider services, ILogger<SchemaMigrator<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
                Directory.CreateDirectory(folder);
            if (await db.Database.EnsureCreatedAsync(cancellationToken))
                foreach (var statement in db.SqliteSchemaExtras)
                    await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
        else
        {
            await DatabaseSetup.MigratePostgresAsync(db, cancellationToken);
        }
        logger.LogInformation("Schema of {Context} is up to date", typeof(TContext).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class DatabaseHealthCheck<TContext>(TContext db) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
}
