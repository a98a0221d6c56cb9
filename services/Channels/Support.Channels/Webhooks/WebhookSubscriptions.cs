using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Support.Channels.Data;

namespace Support.Channels.Webhooks;

/// <summary>
/// The event types some active webhook subscribes to, read again every second, so that an event nobody subscribes to
/// (every event, on a system without webhooks) is dropped before it costs Channels a database write. A webhook saved
/// by this process makes the set uncertain until the next read (every event is then looked up); another replica's
/// new webhook takes effect here within a second.
/// </summary>
public sealed class WebhookSubscriptions(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WebhookSubscriptions> logger)
    : BackgroundService, ISaveChangesInterceptor
{
    // A read begun within this time of a local save may miss the save's commit: it leaves the set uncertain.
    private const long SettleMilliseconds = 2_000;
    private volatile HashSet<string>? subscribed;
    private long changedAt = long.MinValue / 2;

    public bool MaySubscribe(string eventType) =>
        subscribed is not { } known || known.Contains(eventType) || known.Contains(Webhook.AllEvents);

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<Webhook>().Any(e => e.State != EntityState.Unchanged) == true)
        {
            Interlocked.Exchange(ref changedAt, Environment.TickCount64);
            subscribed = null;
        }
        return ValueTask.FromResult(result);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
                var started = Environment.TickCount64;
                var events = await db.Webhooks.AsNoTracking().Where(w => w.Active).Select(w => w.Events).ToListAsync(stoppingToken);
                if (started - Interlocked.Read(ref changedAt) > SettleMilliseconds)
                    subscribed = events.SelectMany(e => e).ToHashSet();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                subscribed = null;
                logger.LogDebug(ex, "Could not read the webhook subscriptions; every event is looked up meanwhile.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
