using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Escalation;

public sealed class EscalationOptions
{
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Escalates tickets whose time is up: not assigned within the group's minutes, or not answered within its minutes
/// of assignment. Each ticket escalates once per group it waits in; several instances may scan at once.
/// </summary>
public sealed class EscalationScanner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EscalationOptions> options, ILogger<EscalationScanner> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Escalation scan failed; the next scan retries");
            }
        }
    }

    /// <summary>Escalates every ticket due by the clock's now; returns how many escalated.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var router = scope.ServiceProvider.GetRequiredService<TicketRouter>();
        await using var change = await RoutingLock.EnterAsync(db, ct);
        var now = clock.Now();
        var due = await db.Tickets
            .Where(t => t.EscalationDueAt != null && t.EscalationDueAt <= now && t.State != RoutingState.Resolved)
            .OrderBy(t => t.EscalationDueAt).ThenBy(t => t.TicketId)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, ct);
        var escalated = 0;
        foreach (var ticket in due)
        {
            var group = groups.GetValueOrDefault(ticket.GroupId ?? 0);
            var (trigger, reason) = ticket.State == RoutingState.Queued
                ? ("unassigned", $"not assigned within {group?.EscalateUnassignedAfterMinutes} minutes in {group?.Name}")
                : ("unanswered", $"not answered within {group?.EscalateUnansweredAfterMinutes} minutes of assignment in {group?.Name}");
            if (await router.EscalateAsync(ticket, trigger, reason, TicketRouter.Actor, ct))
                escalated++;
            else
                ticket.EscalationDueAt = null; // the group lost its target since the time was set
        }
        await router.DrainAsync(ct);
        await change.CommitAsync(ct);
        if (escalated > 0)
            logger.LogInformation("Escalated {Count} tickets", escalated);
        return escalated;
    }
}
