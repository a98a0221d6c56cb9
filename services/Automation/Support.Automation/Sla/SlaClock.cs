using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Automation.Data;
using Support.Contracts.Automation;
using Support.Hosting.Data;

namespace Support.Automation.Sla;

/// <summary>
/// Announces warnings and breaches when their time comes, whatever the ticket does meanwhile: every few seconds it
/// claims the targets due (FOR UPDATE SKIP LOCKED, so each is announced once however many replicas run), marks them and
/// queues their events in the same transaction. A consumer changing the same target meanwhile loses on its version and retries.
/// </summary>
public sealed class SlaClock(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SlaOptions> options, ILogger<SlaClock> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        do
        {
            try
            {
                while (await ScanAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The SLA clock's scan failed; trying again in {Interval}.", options.Value.CheckInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One batch of breaches and warnings due; returns how many targets it handled.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutomationDbContext>();
        var now = clock.Now();
        await using var transaction = await db.BeginChangeAsync(ct);
        var due = await Claim(db, now).ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var ticketIds = due.Select(t => t.TicketId).Distinct().ToList();
        var tickets = await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        foreach (var target in due)
        {
            var aggregate = SlaTracker.Aggregate(target.TicketId);
            if (target.DueAt <= now)
            {
                var ticket = tickets.GetValueOrDefault(target.TicketId);
                db.AddEvent(SlaBreaches.Mark(target, ticket?.GroupId, ticket?.Priority ?? "normal"), aggregate, now);
            }
            else
            {
                target.WarnedAt = now;
                target.WarnAt = null;
                target.Version++;
                db.AddEvent(new SlaWarning(target.TicketId, target.PolicyId, target.Metric, target.DueAt!.Value, now), aggregate, now);
            }
        }
        await transaction.CommitAsync(ct);
        return due.Count;
    }

    private static IQueryable<SlaTargetRecord> Claim(AutomationDbContext db, DateTimeOffset now) =>
        db.Database.IsNpgsql()
            ? db.SlaTargets.FromSql(
                $"""
                SELECT * FROM sla_targets
                WHERE "Status" = 'Active' AND ("DueAt" <= {now} OR "WarnAt" <= {now})
                ORDER BY "DueAt"
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            // One process owns a SQLite file: nothing to share.
            : db.SlaTargets.Where(t => t.Status == SlaTargetStatus.Active && (t.DueAt <= now || t.WarnAt <= now)).OrderBy(t => t.DueAt).Take(BatchSize);
}
