using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;

namespace Support.Hosting.Outbox;

/// <summary>
/// The service can publish: its oldest unpublished outbox row is younger than Outbox:UnhealthyAfter (else unhealthy,
/// so an orchestrator restarts a process whose relay is stuck); a backlog older than a few seconds is reported as degraded.
/// A database that cannot be read is the database check's to report.
/// </summary>
public sealed class OutboxHealthCheck<TContext>(TContext db, TimeProvider clock, IOptions<OutboxOptions> options) : IHealthCheck
    where TContext : ServiceDbContext
{
    private static readonly TimeSpan Backlog = TimeSpan.FromSeconds(5);
    // A restart does not publish what the broker's absence holds back: an event counts as waiting since this process started at the earliest.
    private static readonly DateTimeOffset ProcessStarted = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? oldest;
        try
        {
            oldest = await db.Outbox.Where(m => m.PublishedAt == null).OrderBy(m => m.Sequence)
                .Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded("The outbox cannot be read.", ex);
        }
        var age = oldest is { } createdAt ? clock.GetUtcNow() - (createdAt > ProcessStarted ? createdAt : ProcessStarted) : TimeSpan.Zero;
        var limit = options.Value.UnhealthyAfter;
        if (age > limit)
            return HealthCheckResult.Unhealthy($"The oldest unpublished event is {age.TotalSeconds:0} s old (unhealthy after {limit.TotalSeconds:0} s).");
        return age > Backlog ? HealthCheckResult.Degraded($"The oldest unpublished event is {age.TotalSeconds:0} s old.") : HealthCheckResult.Healthy();
    }
}
