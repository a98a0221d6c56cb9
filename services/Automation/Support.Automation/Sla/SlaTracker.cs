using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Automation.Data;
using Support.Automation.Schedules;
using Support.Automation.Tickets;
using Support.Contracts.Automation;
using Support.Hosting.Text;

namespace Support.Automation.Sla;

/// <summary>
/// Moves a ticket's SLA clocks on each of its events, in the consumer's unit of work: achieves, pauses, resumes and
/// starts targets by Zendesk's rules, applies the first matching policy (again when the match or the priority changes:
/// the old targets are cancelled and the new ones carry their clocks on), and announces what changed.
/// </summary>
public sealed class SlaTracker(AutomationDbContext db, IOptions<SlaOptions> options)
{
    private static readonly string[] ReplyMetrics = [SlaMetrics.FirstReply, SlaMetrics.NextReply, SlaMetrics.PeriodicUpdate];
    private static readonly string[] SolveMetrics = [SlaMetrics.RequesterWait, SlaMetrics.Resolution];

    public static string Aggregate(int ticketId) => $"sla/{ticketId}";

    public async Task TrackAsync(TicketCopy ticket, TicketEvent change, CancellationToken ct)
    {
        var targets = change.Kind == TicketEventKind.Created ? [] : await db.SlaTargets.Where(t => t.TicketId == ticket.Id).ToListAsync(ct);
        var work = new Work(ticket, targets, change.At,
            new SlaTargetClock(await BusinessSchedules.CalendarForAsync(db, ticket.GroupId, ct), options.Value.WarningLead));
        // One read of the (few) policies per event: the one applied, and the first that matches now.
        var policies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct);
        var policy = policies.Find(p => p.Id == ticket.SlaPolicyId);

        Advance(work, change, policy);
        if (!ticket.IsSolved)
        {
            var match = policies.FirstOrDefault(p => p.Conditions.Match(ticket) && p.Targets.Any(t => t.Priority == ticket.Priority));
            if (match?.Id != ticket.SlaPolicyId || match is not null && change.Change("priority") is not null)
                Apply(work, match);
        }
        foreach (var target in targets)
            work.Clock.Schedule(target); // business targets follow the schedule of the ticket's group as it is now

        var nextDue = targets.Where(t => t.IsOpen).Min(t => t.DueAt);
        if (nextDue != ticket.SlaNextDueAt)
        {
            ticket.SlaNextDueAt = nextDue;
            db.AddEvent(new SlaDueChanged(ticket.Id, nextDue, change.At), Aggregate(ticket.Id), change.At);
        }
    }

    /// <summary>One event's work on one ticket's targets.</summary>
    private sealed record Work(TicketCopy Ticket, List<SlaTargetRecord> Targets, DateTimeOffset At, SlaTargetClock Clock)
    {
        /// <summary>The metric's target not yet done: running, paused, or breached and unfulfilled.</summary>
        public SlaTargetRecord? Current(string metric) =>
            Targets.FirstOrDefault(t => t.Metric == metric && t.IsPending);
    }

    /// <summary>What the event does to the targets: a staff reply achieves the reply targets, a status pauses, resumes or ends them.</summary>
    private void Advance(Work work, TicketEvent change, SlaPolicy? policy)
    {
        var ticket = work.Ticket;
        if (change.Comment is { Public: true } comment && TicketValues.IsStaff(comment.Author))
        {
            foreach (var metric in ReplyMetrics)
                if (work.Current(metric) is { } target)
                    Fulfil(work, target);
            if (policy is not null && !ticket.IsSolved)
                Start(work, policy, SlaMetrics.PeriodicUpdate);
        }
        else if (change.Comment is { Public: true, Author.Type: "customer" } && ticket.AgentReplies > 0 && policy is not null
                 && !ticket.IsSolved && work.Current(SlaMetrics.NextReply) is null)
            Start(work, policy, SlaMetrics.NextReply);

        if (change.Change("status") is not { NewValue: { } status } statusChange)
            return;
        if (status is TicketValues.Solved or TicketValues.Closed)
        {
            foreach (var metric in SolveMetrics)
                if (work.Current(metric) is { } target)
                    Fulfil(work, target);
            foreach (var target in work.Targets.Where(t => t.IsPending))
                Cancel(work, target);
        }
        else if (status is TicketValues.Pending or TicketValues.OnHold && work.Current(SlaMetrics.RequesterWait) is { } waiting)
            work.Clock.Pause(waiting, work.At, Breach(work));
        else if (status is TicketValues.New or TicketValues.Open)
        {
            if (work.Current(SlaMetrics.RequesterWait) is { } paused)
                work.Clock.Resume(paused, work.At);
            // Reopened: the targets that solving fulfilled run again, from now, with the time they had used.
            if (statusChange.OldValue is TicketValues.Solved && policy is not null)
                foreach (var metric in SolveMetrics)
                    if (work.Targets.LastOrDefault(t => t.Metric == metric && t.PolicyId == policy.Id) is { FulfilledAt: not null } done)
                    {
                        done.FulfilledAt = null;
                        if (done.Status == SlaTargetStatus.Achieved)
                            done.Status = SlaTargetStatus.Paused;
                        work.Clock.Resume(done, work.At);
                    }
        }
    }

    /// <summary>The policy now applying (or none): the targets not done are cancelled, and their clocks carried to the new policy's.</summary>
    private void Apply(Work work, SlaPolicy? policy)
    {
        var carried = new Dictionary<string, (DateTimeOffset StartedAt, TimeSpan Elapsed, bool Running)>();
        foreach (var target in work.Targets.Where(t => t.IsPending))
        {
            var running = target.RunningSince is not null;
            work.Clock.Pause(target, work.At, Breach(work));
            carried[target.Metric] = (target.StartedAt, target.Elapsed, running);
            Cancel(work, target);
        }
        work.Ticket.SlaPolicyId = policy?.Id;
        if (policy is null)
            return;

        var applied = new List<SlaTargetRecord>();
        foreach (var goal in policy.Targets.Where(t => t.Priority == work.Ticket.Priority))
        {
            var (startedAt, elapsed, running) = carried.TryGetValue(goal.Metric, out var previous)
                ? (previous.StartedAt, previous.Elapsed, previous.Running ? work.At : (DateTimeOffset?)null)
                : InitialClock(work.Ticket, goal, work.Clock);
            if (startedAt is not { } started)
                continue;
            applied.Add(Add(work, policy.Id, goal, started, elapsed, running));
        }
        db.AddEvent(new SlaApplied(work.Ticket.Id, policy.Id, policy.Name, applied.Select(Describe).ToList(), work.At), Aggregate(work.Ticket.Id), work.At);
    }

    /// <summary>Where a target's clock stands on a ticket the policy newly covers, from the ticket's history as the copy knows it.</summary>
    private static (DateTimeOffset? StartedAt, TimeSpan Elapsed, DateTimeOffset? Running) InitialClock(TicketCopy t, SlaPolicyTarget goal, SlaTargetClock clock) =>
        goal.Metric switch
        {
            SlaMetrics.FirstReply when t.AgentReplies == 0 => (t.CreatedAt, TimeSpan.Zero, t.CreatedAt),
            SlaMetrics.NextReply when t.AgentReplies > 0 && t.LastCustomerReplyAt > t.LastAgentReplyAt => (t.LastCustomerReplyAt, TimeSpan.Zero, t.LastCustomerReplyAt),
            SlaMetrics.PeriodicUpdate when t.LastAgentReplyAt is { } replied => (replied, TimeSpan.Zero, replied),
            SlaMetrics.RequesterWait when t.Status is TicketValues.New or TicketValues.Open => (t.CreatedAt, TimeSpan.Zero, t.CreatedAt),
            // Pending or on hold: it waited until its last status change.
            SlaMetrics.RequesterWait => (t.CreatedAt, clock.Span(goal.BusinessHours, t.CreatedAt, t.StatusChangedAt), null),
            SlaMetrics.Resolution => (t.CreatedAt, TimeSpan.Zero, t.CreatedAt),
            _ => (null, TimeSpan.Zero, null),
        };

    private void Start(Work work, SlaPolicy policy, string metric)
    {
        if (policy.Targets.FirstOrDefault(t => t.Priority == work.Ticket.Priority && t.Metric == metric) is { } goal)
            Add(work, policy.Id, goal, work.At, TimeSpan.Zero, work.At);
    }

    private SlaTargetRecord Add(Work work, int policyId, SlaPolicyTarget goal, DateTimeOffset startedAt, TimeSpan elapsed, DateTimeOffset? running)
    {
        var target = new SlaTargetRecord
        {
            TicketId = work.Ticket.Id, PolicyId = policyId, Metric = goal.Metric, Minutes = goal.Minutes, BusinessHours = goal.BusinessHours,
            Status = running is null ? SlaTargetStatus.Paused : SlaTargetStatus.Active,
            StartedAt = startedAt, Elapsed = elapsed, RunningSince = running, Version = 1,
        };
        work.Clock.Schedule(target);
        work.Targets.Add(target);
        db.SlaTargets.Add(target);
        return target;
    }

    /// <summary>The target's event happened: achieved in time, or fulfilled after its breach (announced first if the SLA clock had not yet).</summary>
    private void Fulfil(Work work, SlaTargetRecord target)
    {
        work.Clock.Pause(target, work.At, Breach(work));
        if (target.Status != SlaTargetStatus.Breached)
            target.Status = SlaTargetStatus.Achieved;
        target.FulfilledAt = work.At;
        target.Version++;
        db.AddEvent(new SlaFulfilled(target.TicketId, target.PolicyId, target.Metric, target.BreachedAt is not null, work.At), Aggregate(target.TicketId), work.At);
    }

    private void Cancel(Work work, SlaTargetRecord target)
    {
        work.Clock.Pause(target, work.At, Breach(work));
        target.Status = SlaTargetStatus.Cancelled;
        target.WarnAt = null;
        target.Version++;
    }

    /// <summary>A breach seen by the consumer (a late reply before the SLA clock's scan): marked and announced once, as the clock does.</summary>
    private Action<SlaTargetRecord> Breach(Work work) => target =>
        db.AddEvent(SlaBreaches.Mark(target, work.Ticket.GroupId, work.Ticket.Priority), Aggregate(target.TicketId), work.At);

    public static SlaTarget Describe(SlaTargetRecord t) => new(t.Metric, t.Minutes, t.BusinessHours, t.Status.Wire(), t.DueAt);
}
