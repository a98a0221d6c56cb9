using Support.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Automation.Data;
using Support.Automation.Rules;
using Support.Automation.Schedules;
using Support.Automation.Tickets;
using Support.Hosting.Data;

namespace Support.Automation.Automations;

/// <summary>
/// Checks every ticket not closed against the active automations, in bounded batches, each in one transaction with its
/// firings and commands. Safe with several replicas: on PostgreSQL a batch's tickets are claimed FOR UPDATE SKIP LOCKED
/// (another scanner passes them by), and the firing's unique key (automation, ticket, period) keeps an automation from
/// acting twice in a period whatever the timing. As with triggers, the automations that match act in position order
/// on one working copy, and go to the Ticket service as one command under ("automation", their ids).
/// </summary>
public sealed class AutomationScanner(IServiceScopeFactory scopes, IOptionsMonitor<AutomationOptions> options, TimeProvider clock, ILogger<AutomationScanner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.ScanInterval, clock, stoppingToken);
                await ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The automation scan failed; it runs again in {Interval}", options.CurrentValue.ScanInterval);
            }
        }
    }

    /// <summary>One scan over all tickets; returns how many times automations fired.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutomationDbContext>();
        var automations = await db.Automations.AsNoTracking().Where(a => a.Active).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(ct);
        if (automations.Count == 0)
            return 0;
        var calendars = automations.Exists(a => a.Conditions.UsesBusinessHours()) ? await BusinessSchedules.CalendarsAsync(db, ct) : null;
        var (after, fired) = (0, 0);
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var batch = await ClaimAsync(db, after, ct);
            if (batch.Count == 0)
                return fired;
            after = batch[^1].Id;
            var ids = batch.Select(t => t.Id).ToList();
            var done = (await db.AutomationFirings.Where(f => ids.Contains(f.TicketId)).Select(f => new { f.AutomationId, f.TicketId, f.Period }).ToListAsync(ct))
                .Select(f => (f.AutomationId, f.TicketId, f.Period.UtcTicks)).ToHashSet();
            var now = clock.Now();
            foreach (var ticket in batch)
                fired += Run(db, ticket, automations, done, now, calendars?.Invoke(ticket.GroupId));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    private static int Run(AutomationDbContext db, TicketCopy ticket, List<AutomationRule> automations, HashSet<(int, int, long)> done, DateTimeOffset now,
        BusinessCalendar? calendar)
    {
        var context = new RuleContext(ticket.Clone(), null, null, now, calendar);
        var effects = new RuleEffects();
        var fired = new List<int>();
        foreach (var automation in automations)
        {
            if (!context.Matches(automation.Conditions) || context.Since(automation.PeriodField) is not { } period
                || done.Contains((automation.Id, ticket.Id, period.UtcTicks)))
                continue;
            effects.Apply(context.Ticket, automation.Actions);
            db.AutomationFirings.Add(new AutomationFiring { AutomationId = automation.Id, TicketId = ticket.Id, Period = period, FiredAt = now });
            fired.Add(automation.Id);
        }
        if (fired.Count > 0)
            effects.Publish(db, ticket, context.Ticket, RuleEffects.ActorOf("automation", fired), now);
        return fired.Count;
    }

    private async Task<List<TicketCopy>> ClaimAsync(AutomationDbContext db, int after, CancellationToken ct)
    {
        var size = options.CurrentValue.BatchSize;
        if (db.Database.IsSqlite()) // one process owns a SQLite file: nothing to share
            return await db.Tickets.AsNoTracking().Where(t => t.Status != TicketValues.Closed && t.Id > after).OrderBy(t => t.Id).Take(size).ToListAsync(ct);
        return await db.Tickets.FromSql(
            $"""
            SELECT * FROM tickets
            WHERE "Status" <> 'closed' AND "Id" > {after}
            ORDER BY "Id"
            LIMIT {size}
            FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(ct);
    }
}
