using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Observability;

namespace Support.Hosting.Outbox;

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 500;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the relay lets events gather after a wake-up, so a busy service publishes in batches.</summary>
    public TimeSpan Coalesce { get; set; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long published rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a consumer's inbox remembers a message: longer than any redelivery can arrive after the first.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long events may wait unpublished before the service reports itself unhealthy (OutboxHealthCheck).</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Publishes committed outbox rows to the bus and marks them. Replicas share the work: each claims rows with
/// FOR UPDATE SKIP LOCKED and leaves an aggregate alone while another relay holds an earlier row of it, so
/// every aggregate's events go out in commit order. A crash after publishing, before marking, publishes a row
/// again under the same MessageId, which consumers' inboxes recognise.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : ServiceDbContext
{
    private readonly OutboxOptions settings = options.Value;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset nextInboxCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await RelayBatchAsync(stoppingToken);
                if (failures > 0)
                    logger.LogInformation("Outbox relay of {Context} recovered", typeof(TContext).Name);
                failures = 0;
                await CleanupWhenDueAsync(stoppingToken);
                if (published < settings.BatchSize && await signal.WaitAsync(settings.PollInterval, stoppingToken))
                    await Task.Delay(settings.Coalesce, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(failures, 6))));
                logger.LogWarning(ex, "Outbox relay of {Context} failed ({Failures} in a row); retrying in {Delay}",
                    typeof(TContext).Name, failures, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows it claimed and published.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
            return 0;

        // Aggregates publish in parallel; one aggregate's events one after another, stopping at its first failure.
        var results = await Task.WhenAll(batch.GroupBy(m => m.Aggregate).Select(g => PublishInOrderAsync(g, cancellationToken)));
        var now = clock.GetUtcNow();
        var published = results.SelectMany(r => r).ToList();
        var sequences = published.Select(m => m.Sequence).ToList();
        await db.Outbox.Where(m => sequences.Contains(m.Sequence)).ExecuteUpdateAsync(m => m.SetProperty(o => o.PublishedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (published.Count < batch.Count)
            throw new InvalidOperationException($"{batch.Count - published.Count} of {batch.Count} outbox messages could not be published.");
        return published.Count;
    }

    private Task<List<OutboxMessage>> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite()) // one process owns a SQLite file: nothing to share
            return db.Outbox.AsNoTracking().Where(m => m.PublishedAt == null).OrderBy(m => m.Sequence).Take(settings.BatchSize).ToListAsync(cancellationToken);

        return db.Outbox.FromSqlRaw(
            """
            WITH claimed AS (
                SELECT "Sequence" FROM outbox_messages
                WHERE "PublishedAt" IS NULL
                ORDER BY "Sequence"
                LIMIT {0}
                FOR UPDATE SKIP LOCKED)
            SELECT o.* FROM outbox_messages o
            WHERE o."Sequence" IN (SELECT "Sequence" FROM claimed)
              AND NOT EXISTS (
                SELECT 1 FROM outbox_messages earlier
                WHERE earlier."Aggregate" = o."Aggregate"
                  AND earlier."PublishedAt" IS NULL
                  AND earlier."Sequence" < o."Sequence"
                  AND earlier."Sequence" NOT IN (SELECT "Sequence" FROM claimed))
            ORDER BY o."Sequence"
            """, settings.BatchSize).AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<List<OutboxMessage>> PublishInOrderAsync(IEnumerable<OutboxMessage> aggregateMessages, CancellationToken cancellationToken)
    {
        var published = new List<OutboxMessage>();
        foreach (var row in aggregateMessages)
        {
            try
            {
                using var activity = OutboxTelemetry.StartPublish(row, clock.GetUtcNow());
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.PublishTimeout);
                var (message, type) = row.Deserialize();
                await bus.Publish(message, type, context =>
                {
                    context.MessageId = row.MessageId;
                    if (Guid.TryParse(row.CorrelationId, out var correlationId))
                        context.CorrelationId = correlationId;
                    if (row.CorrelationId is not null)
                        context.Headers.Set("X-Correlation-Id", row.CorrelationId);
                }, timeout.Token);
                OutboxTelemetry.Published(row, clock.GetUtcNow());
                published.Add(row);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing outbox message {MessageId} ({Aggregate}) failed", row.MessageId, row.Aggregate);
                break;
            }
        }
        return published;
    }

    private async Task CleanupWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < nextCleanup)
            return;
        nextCleanup = now.AddMinutes(1);
        // Hourly for the inbox: ProcessedAt has no index (one would cost every consumed message a write), so it reads the whole table.
        var inbox = now >= nextInboxCleanup;
        if (inbox)
            nextInboxCleanup = now.AddHours(1);
        await CleanupAsync(inbox, cancellationToken);
    }

    /// <summary>Deletes published outbox rows older than Retention and, with <paramref name="inbox"/>, inbox rows older than InboxRetention.</summary>
    public async Task CleanupAsync(bool inbox, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - settings.Retention;
        await db.Outbox.Where(m => m.PublishedAt != null && m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (!inbox)
            return;
        var forgetBefore = now - settings.InboxRetention;
        var removed = await db.Inbox.Where(m => m.ProcessedAt < forgetBefore).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
            logger.LogInformation("Removed {Count} inbox rows of {Context} older than {Retention}", removed, typeof(TContext).Name, settings.InboxRetention);
    }
}
