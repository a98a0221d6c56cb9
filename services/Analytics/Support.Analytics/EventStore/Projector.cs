using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Customers;
using Support.Analytics.Data;
using Support.Analytics.KnowledgeBase;
using Support.Analytics.Schedules;
using Support.Analytics.Sla;
using Support.Analytics.Tickets;
using Support.Contracts.Automation;
using Support.Hosting.Data;
using Support.Time;

namespace Support.Analytics.EventStore;

public sealed record RebuildResult(long Events, int Tickets, int Customers, int Answers, long TookMs);

/// <summary>
/// Records events and keeps the read models in step: a stream's read model is rebuilt from all of that stream's events,
/// ordered by their own time, whenever a batch adds to it; so duplicates, late events and replays give the same result.
/// A schedule's event also times again the business minutes of the tickets it may time (see <see cref="RetimeAsync"/>).
/// </summary>
public sealed class Projector(AnalyticsDbContext db, TimeProvider clock, ILogger<Projector> logger)
{
    private const int RebuildBatch = 500;

    /// <summary>
    /// Stores the events (once per MessageId) and refreshes the read model of each stream they add to, in one
    /// transaction: all of it or nothing. Returns how many events were new.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyCollection<(object Message, Guid MessageId)> messages, CancellationToken cancellationToken)
    {
        var recordedAt = clock.GetUtcNow();
        var incoming = messages.DistinctBy(m => m.MessageId).Select(m => EventCatalog.ToStored(m.Message, m.MessageId, recordedAt)).ToList();
        db.ChangeTracker.Clear();
        await using var change = await db.BeginChangeAsync(cancellationToken);
        // One writer per stream: the next one sees these events.
        await db.LockAsync(incoming.Select(e => e.Stream), cancellationToken);
        var ids = incoming.Select(e => e.MessageId).ToList();
        var recorded = (await db.Events.Where(e => ids.Contains(e.MessageId)).Select(e => e.MessageId).ToListAsync(cancellationToken)).ToHashSet();
        if (recorded.Count > 0)
            logger.LogInformation("Skipped {Count} events already recorded: {MessageIds}", recorded.Count, recorded);
        var added = incoming.Where(e => !recorded.Contains(e.MessageId)).ToList();
        db.Events.AddRange(added);
        await change.SaveAsync(cancellationToken);
        await ProjectAsync(added.Where(e => !StoredOnly.Contains(e.Type)).Select(e => e.Stream).Distinct().ToList(), cancellationToken);
        await change.CommitAsync(cancellationToken);
        return added.Count;
    }

    /// <summary>Frequent, and no read model reads them: stored only.</summary>
    private static readonly HashSet<string> StoredOnly = [nameof(SlaApplied), nameof(SlaWarning), nameof(SlaDueChanged)];

    /// <summary>Empties the read models and fills them again from every stored event, in one transaction.</summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.ChangeTracker.Clear();
        await using var change = await db.BeginChangeAsync(cancellationToken);
        if (db.Database.IsNpgsql()) // consumers wait for the rebuild, then project onto the fresh read models
            await db.Database.ExecuteSqlRawAsync(
                "LOCK TABLE ticket_metrics, ticket_unsolved_spans, comment_sentiments, sla_outcomes, customers, customer_status_spans, kb_answers, business_schedules IN EXCLUSIVE MODE",
                cancellationToken);
        await db.TicketMetrics.ExecuteDeleteAsync(cancellationToken);
        await db.UnsolvedSpans.ExecuteDeleteAsync(cancellationToken);
        await db.CommentSentiments.ExecuteDeleteAsync(cancellationToken);
        await db.SlaOutcomes.ExecuteDeleteAsync(cancellationToken);
        await db.Customers.ExecuteDeleteAsync(cancellationToken);
        await db.CustomerStatusSpans.ExecuteDeleteAsync(cancellationToken);
        await db.Answers.ExecuteDeleteAsync(cancellationToken);
        await db.Schedules.ExecuteDeleteAsync(cancellationToken);

        // The schedules first: the tickets' business minutes are timed by them.
        var schedules = await db.Events.AsNoTracking().Where(e => e.Stream.StartsWith(ScheduleStreamPrefix)).ToListAsync(cancellationToken);
        foreach (var stream in schedules.GroupBy(e => e.Stream))
            AddSchedule(stream.Key, Ordered(stream));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var calendars = await CalendarsAsync(cancellationToken);

        var streams = await db.Events.Where(e => !e.Stream.StartsWith(ScheduleStreamPrefix)).Select(e => e.Stream).Distinct().ToListAsync(cancellationToken);
        long events = schedules.Count;
        foreach (var batch in streams.Chunk(RebuildBatch))
        {
            var stored = await db.Events.AsNoTracking().Where(e => batch.Contains(e.Stream)).ToListAsync(cancellationToken);
            events += stored.Count;
            foreach (var stream in stored.GroupBy(e => e.Stream))
                Add(stream.Key, Ordered(stream), calendars);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        var result = new RebuildResult(events,
            await db.TicketMetrics.CountAsync(cancellationToken), await db.Customers.CountAsync(cancellationToken),
            await db.Answers.CountAsync(cancellationToken), 0);
        await change.CommitAsync(cancellationToken);
        logger.LogInformation("Rebuilt the read models from {Events} events in {Ms} ms", events, watch.ElapsedMilliseconds);
        return result with { TookMs = watch.ElapsedMilliseconds };
    }

    /// <summary>Rebuilds the read models of these streams from the events they hold now (after they were scrubbed), unsaved.</summary>
    public Task RefreshAsync(IReadOnlyCollection<string> streams, CancellationToken cancellationToken) => ProjectAsync(streams, cancellationToken);

    /// <summary>Replaces the read models of these streams by ones built from all of their events, with one query per table.</summary>
    private async Task ProjectAsync(IReadOnlyCollection<string> streams, CancellationToken cancellationToken)
    {
        var projected = streams.Where(s => Split(s).Kind is "ticket" or "customer" or "answer" or "schedule").Order(StringComparer.Ordinal).ToList();
        if (projected.Count == 0)
            return;
        var events = (await db.Events.AsNoTracking().Where(e => projected.Contains(e.Stream)).ToListAsync(cancellationToken)).ToLookup(e => e.Stream);
        foreach (var stream in projected.Where(s => Split(s).Kind == "schedule"))
            await ReplaceScheduleAsync(stream, int.Parse(Split(stream).Key), Ordered(events[stream]), cancellationToken);

        var ticketIds = Keys(projected, "ticket").Select(int.Parse).ToList();
        if (ticketIds.Count > 0)
        {
            await db.TicketMetrics.Where(t => ticketIds.Contains(t.TicketId)).ExecuteDeleteAsync(cancellationToken);
            await db.UnsolvedSpans.Where(s => ticketIds.Contains(s.TicketId)).ExecuteDeleteAsync(cancellationToken);
            await db.CommentSentiments.Where(s => ticketIds.Contains(s.TicketId)).ExecuteDeleteAsync(cancellationToken);
            await db.SlaOutcomes.Where(o => ticketIds.Contains(o.TicketId)).ExecuteDeleteAsync(cancellationToken);
        }
        var customerIds = Keys(projected, "customer").Select(int.Parse).ToList();
        if (customerIds.Count > 0)
        {
            await db.Customers.Where(c => customerIds.Contains(c.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            await db.CustomerStatusSpans.Where(s => customerIds.Contains(s.CustomerId)).ExecuteDeleteAsync(cancellationToken);
        }
        var answerIds = Keys(projected, "answer").Select(Guid.Parse).ToList();
        if (answerIds.Count > 0)
            await db.Answers.Where(a => answerIds.Contains(a.AnswerId)).ExecuteDeleteAsync(cancellationToken);

        // Read after the tickets' rows were deleted: a schedule's change waits for these tickets', or these for it (RetimeAsync).
        var calendars = ticketIds.Count > 0 ? await CalendarsAsync(cancellationToken) : null;
        foreach (var stream in projected.Where(s => Split(s).Kind != "schedule"))
            Add(stream, Ordered(events[stream]), calendars);
    }

    private static IEnumerable<string> Keys(IEnumerable<string> streams, string kind) =>
        streams.Select(Split).Where(s => s.Kind == kind).Select(s => s.Key);

    private void Add(string stream, IReadOnlyList<object> events, Func<int?, BusinessCalendar>? calendars)
    {
        switch (Split(stream).Kind)
        {
            case "ticket":
                if (TicketProjection.Build(events, calendars!) is { } ticket)
                {
                    db.TicketMetrics.Add(ticket.Metrics);
                    db.UnsolvedSpans.AddRange(ticket.UnsolvedSpans);
                    db.CommentSentiments.AddRange(ticket.Sentiments);
                }
                db.SlaOutcomes.AddRange(SlaProjection.Build(events)); // a ticket's SLA events may arrive before its TicketCreated
                break;
            case "customer" when CustomerProjection.Build(events) is { } customer:
                db.Customers.Add(customer.Customer);
                db.CustomerStatusSpans.AddRange(customer.StatusSpans);
                break;
            case "answer" when AnswerRecord.Build(events) is { } answer:
                db.Answers.Add(answer);
                break;
        }
    }

    private const string ScheduleStreamPrefix = "schedule/";

    /// <summary>The business calendar of each group, by the schedules copied so far.</summary>
    private async Task<Func<int?, BusinessCalendar>> CalendarsAsync(CancellationToken cancellationToken) =>
        BusinessCalendar.ByGroup(await db.Schedules.AsNoTracking().OrderBy(s => s.ScheduleId).ToListAsync(cancellationToken));

    private void AddSchedule(string stream, IReadOnlyList<object> events)
    {
        var (schedule, unreadable) = ScheduleProjection.Build(events);
        if (unreadable is not null)
            logger.LogWarning("Schedule stream {Stream} is not copied, its tickets are timed without it: {Reason}", stream, unreadable);
        if (schedule is not null)
            db.Schedules.Add(schedule);
    }

    /// <summary>Replaces a schedule's copy and times again the business minutes of the tickets it timed or times now.</summary>
    private async Task ReplaceScheduleAsync(string stream, int scheduleId, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        // Ticket projections wait (their first statement deletes ticket_metrics rows) until the retiming commits, and
        // then read the new schedules; one that started before holds the table until it commits, and is retimed after.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE ticket_metrics IN EXCLUSIVE MODE", cancellationToken);
        var before = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.ScheduleId == scheduleId, cancellationToken);
        await db.Schedules.Where(s => s.ScheduleId == scheduleId).ExecuteDeleteAsync(cancellationToken);
        AddSchedule(stream, events);
        await db.SaveChangesAsync(cancellationToken);
        var after = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.ScheduleId == scheduleId, cancellationToken);
        await RetimeAsync(before, after, cancellationToken);
    }

    /// <summary>
    /// The business minutes of the tickets whose calendar the change may move, computed again from their events, in the
    /// schedule event's transaction: the tickets of the groups the schedule listed or lists, and when it was or is the
    /// default, every ticket without a schedule of its group's own. Each ticket is timed by the schedules as they are
    /// now, whenever it was worked on; its calendar minutes do not change.
    /// </summary>
    private async Task RetimeAsync(BusinessSchedule? before, BusinessSchedule? after, CancellationToken cancellationToken)
    {
        if (before is null && after is null)
            return;
        var groups = (before?.GroupIds ?? []).Union(after?.GroupIds ?? []).ToList();
        var followsDefault = before?.IsDefault == true || after?.IsDefault == true;
        var ownSchedule = followsDefault ? (await db.Schedules.Select(s => s.GroupIds).ToListAsync(cancellationToken)).SelectMany(g => g).ToList() : [];
        var tickets = await db.TicketMetrics
            .Where(t => (t.GroupId != null && groups.Contains(t.GroupId.Value)) || (followsDefault && (t.GroupId == null || !ownSchedule.Contains(t.GroupId.Value))))
            .Select(t => t.TicketId).ToListAsync(cancellationToken);
        if (tickets.Count == 0)
            return;
        var calendars = await CalendarsAsync(cancellationToken);
        foreach (var batch in tickets.Chunk(RebuildBatch))
        {
            var streams = batch.Select(EventCatalog.TicketStream).ToList();
            var events = (await db.Events.AsNoTracking().Where(e => streams.Contains(e.Stream)).ToListAsync(cancellationToken))
                .GroupBy(e => e.Stream).ToDictionary(g => g.Key, g => Ordered(g));
            foreach (var metrics in await db.TicketMetrics.Where(t => batch.Contains(t.TicketId)).ToListAsync(cancellationToken))
                if (TicketProjection.Build(events[EventCatalog.TicketStream(metrics.TicketId)], calendars) is { } retimed)
                    metrics.TakeBusinessMinutes(retimed.Metrics);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Timed the business minutes of {Tickets} tickets again after a schedule changed", tickets.Count);
    }

    /// <summary>By the events' own time; events of one instant by MessageId, so any arrival order gives one result.</summary>
    private static List<object> Ordered(IEnumerable<StoredEvent> events) =>
        events.OrderBy(e => e.OccurredAt).ThenBy(e => e.MessageId).Select(EventCatalog.Read).ToList();

    private static (string Kind, string Key) Split(string stream)
    {
        var slash = stream.IndexOf('/');
        return (stream[..slash], stream[(slash + 1)..]);
    }
}
