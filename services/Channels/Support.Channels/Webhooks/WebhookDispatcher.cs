using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Channels.Data;
using Support.Contracts.Channels;
using Support.Hosting.Data;

namespace Support.Channels.Webhooks;

/// <summary>
/// Sends the deliveries that are due, in parallel up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/>, and
/// records each attempt. It claims only the earliest pending delivery of each webhook and ordering key, so one key's
/// deliveries go out one at a time, in order, while others go side by side. Instances share the work: each claims with
/// FOR UPDATE SKIP LOCKED and marks its claim with a time it holds until, so a crashed one's claims lapse.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookOptions settings = options.Value;
    private readonly ConcurrentDictionary<long, Task> sending = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var room = settings.MaxConcurrentDeliveries - sending.Count;
                var claimed = room > 0 ? await ClaimAsync(room, stoppingToken) : [];
                foreach (var delivery in claimed)
                {
                    var attempt = Task.Run(() => DeliverAsync(delivery, stoppingToken), CancellationToken.None);
                    sending[delivery.Id] = attempt;
                    _ = attempt.ContinueWith(_ =>
                    {
                        sending.TryRemove(delivery.Id, out var _);
                        signal.Pulse(); // room for another, and maybe the next one of its key is due
                    }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
                failures = 0;
                // Woken, it lets a few more attempts finish first: one claim for several, as the claim reads every pending key.
                if ((room <= 0 || claimed.Count < room) && await signal.WaitAsync(settings.PollInterval, stoppingToken))
                    await Task.Delay(settings.Coalesce, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(failures, 6))));
                logger.LogWarning(ex, "Claiming webhook deliveries failed ({Failures} in a row); retrying in {Delay}", failures, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await Task.WhenAll(sending.Values);
    }

    /// <summary>Claims up to <paramref name="room"/> due deliveries, each the earliest pending one of its webhook and key.</summary>
    public async Task<List<ClaimedDelivery>> ClaimAsync(int room, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
        var now = clock.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = db.Database.IsSqlite() // one process owns a SQLite file: nothing to share
            ? await DueFirstOfTheirKey(db, now).OrderBy(d => d.Id).Select(d => d.Id).Take(room).ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<long>(
                $"""
                WITH first_of_key AS (
                    SELECT DISTINCT ON ("WebhookId", "OrderingKey") "Id" FROM webhook_deliveries
                    WHERE "Status" = 'Pending'
                    ORDER BY "WebhookId", "OrderingKey", "Id")
                SELECT d."Id" AS "Value" FROM webhook_deliveries d
                JOIN first_of_key f ON f."Id" = d."Id"
                JOIN webhooks w ON w."Id" = d."WebhookId" AND w."Active"
                WHERE d."Status" = 'Pending' AND d."NextAttemptAt" <= {now}
                  AND (d."ClaimedUntil" IS NULL OR d."ClaimedUntil" < {now})
                ORDER BY d."Id"
                LIMIT {room}
                FOR UPDATE OF d SKIP LOCKED
                """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return [];
        var claimedUntil = now + settings.ClaimFor;
        await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, claimedUntil), cancellationToken);
        var claimed = await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id)
            .Select(d => new ClaimedDelivery(d.Id, d.WebhookId, d.Webhook.Url, d.Webhook.Secret, d.Webhook.AllowPrivateNetwork, d.Webhook.FailingSince, d.EventType, d.Payload))
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private static IQueryable<WebhookDelivery> DueFirstOfTheirKey(ChannelsDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.ClaimedUntil == null || d.ClaimedUntil < now) && d.Webhook.Active
            && !db.WebhookDeliveries.Any(earlier => earlier.WebhookId == d.WebhookId && earlier.OrderingKey == d.OrderingKey
                && earlier.Status == WebhookDeliveryStatus.Pending && earlier.Id < d.Id));

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var attempt = await sender.SendAsync(delivery, stoppingToken);
            // Recorded even while the service stops: an attempt that reached the receiver is not made again needlessly.
            using var recording = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RecordAsync(delivery, attempt, recording.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-attempt: free the claim, so the next start sends it again at once (under the same delivery id).
            await ReleaseAsync(delivery.Id);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Webhook delivery {DeliveryId}: its attempt could not be recorded; it is sent again when its claim lapses", delivery.Id);
        }
    }

    private async Task RecordAsync(ClaimedDelivery claimed, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
        await using var change = await db.BeginChangeAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == claimed.Id, cancellationToken);
        if (delivery is null)
            return; // its webhook was deleted meanwhile
        var now = clock.Now();
        delivery.Attempts.Add(attempt);
        delivery.ClaimedUntil = null;
        delivery.FirstAttemptAt ??= attempt.AttemptedAt;
        if (attempt.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.CompletedAt = now;
            if (claimed.FailingSince is not null)
                await db.Webhooks.Where(w => w.Id == claimed.WebhookId && w.FailingSince != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, (DateTimeOffset?)null), cancellationToken);
        }
        else
        {
            delivery.FailedAttempts++;
            if (now - delivery.FirstAttemptAt >= settings.RetryFor)
            {
                delivery.Status = WebhookDeliveryStatus.Failed;
                delivery.CompletedAt = now;
            }
            else
                delivery.NextAttemptAt = now + settings.RetryDelay(delivery.FailedAttempts);
            await RecordFailureAsync(db, claimed, attempt, now, cancellationToken);
        }
        await change.CommitAsync(cancellationToken);
    }

    /// <summary>Notes when the webhook began failing; failing for <see cref="WebhookOptions.DisableAfter"/>, it is disabled and WebhookDisabled published.</summary>
    private async Task RecordFailureAsync(ChannelsDbContext db, ClaimedDelivery claimed, WebhookAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = claimed.WebhookId;
        if (claimed.FailingSince is null)
            await db.Webhooks.Where(w => w.Id == id && w.FailingSince == null)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.FailingSince, attempt.AttemptedAt), cancellationToken);
        var failingBefore = now - settings.DisableAfter;
        var reason = $"Its deliveries failed for {settings.DisableAfter} with no success; the last attempt: "
            + (attempt.StatusCode is { } status ? $"HTTP {status}" : attempt.Error);
        if (reason.Length > 500)
            reason = reason[..500];
        var disabled = await db.Webhooks.Where(w => w.Id == id && w.Active && w.FailingSince <= failingBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Active, false)
                .SetProperty(w => w.DisabledAt, now)
                .SetProperty(w => w.DisabledReason, reason)
                .SetProperty(w => w.UpdatedAt, now)
                .SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
        if (disabled > 0)
        {
            logger.LogWarning("Webhook {WebhookId} disabled: {Reason}", id, reason);
            db.AddEvent(new WebhookDisabled(id, claimed.Url, reason, now), $"webhook/{id}", now);
        }
    }

    private async Task ReleaseAsync(long deliveryId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
            await db.WebhookDeliveries.Where(d => d.Id == deliveryId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogInformation(ex, "Webhook delivery {DeliveryId}: its claim could not be released; it lapses", deliveryId);
        }
    }
}
