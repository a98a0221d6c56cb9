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
/// ordered by their own time, whenever one arrives; so duplicates, late events and replays give the same result.
/// A schedule's event also times again the business minutes of the tickets it may time (see <see cref="RetimeAsync"/>).
/// </summary>
public sealed class Projector(AnalyticsDbContext db, TimeProvider clock, ILogger<Projector> logger)
{
    private const int RebuildBatch = 500;

    /// <summary>Stores the event (once per MessageId) and refreshes its stream's read model; false: already stored.</summary>
    public async Task<bool> RecordAsync(object message, Guid messageId, CancellationToken cancellationToken)
    {
        var stored = EventCatalog.ToStored(message, messageId, clock.GetUtcNow());
        db.ChangeTracker.Clear();
        // One writer per stream: the next one sees this one's event.
        await using var change = await db.BeginChangeAsync(lockName: stored.Stream, cancellationToken);
        if (await db.Events.AnyAsync(e => e.MessageId == messageId, cancellationToken))
        {
            logger.LogInformation("Skipped {Type} {MessageId}: already recorded", stored.Type, messageId);
            return false;
        }
        db.Events.Add(stored);
        await change.SaveAsync(cancellationToken);
        if (message is SlaApplied or SlaWarning or SlaDueChanged) // frequent, and no read model reads them: stored only
        {
            await change.CommitAsync(cancellationToken);
            return true;
        }

        var events = await db.Events.AsNoTracking().Where(e => e.Stream == stored.Stream).ToListAsync(cancellationToken);
        await ReplaceAsync(stored.Stream, events, cancellationToken);
        await change.CommitAsync(cancellationToken);
        return true;
    }

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

    /// <summary>Rebuilds the read model of a stream from the events it holds now (after they were scrubbed), unsaved.</summary>
    public async Task RefreshAsync(string stream, CancellationToken cancellationToken) =>
        await ReplaceAsync(stream, await db.Events.AsNoTracking().Where(e => e.Stream == stream).ToListAsync(cancellationToken), cancellationToken);

    private async Task ReplaceAsync(string stream, IEnumerable<StoredEvent> events, CancellationToken cancellationToken)
    {
        var (kind, key) = Split(stream);
        switch (kind)
        {
            case "ticket":
                var ticketId = int.Parse(key);
                await db.TicketMetrics.Where(t => t.TicketId == ticketId).ExecuteDeleteAsync(cancellationToken);
                await db.UnsolvedSpans.Where(s => s.TicketId == ticketId).ExecuteDeleteAsync(cancellationToken);
                await db.CommentSentiments.Where(s => s.TicketId == ticketId).ExecuteDeleteAsync(cancellationToken);
                await db.SlaOutcomes.Where(o => o.TicketId == ticketId).ExecuteDeleteAsync(cancellationToken);
                break;
            case "customer":
                var customerId = int.Parse(key);
                await db.Customers.Where(c => c.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
                await db.CustomerStatusSpans.Where(s => s.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
                break;
            case "answer":
                var answerId = Guid.Parse(key);
                await db.Answers.Where(a => a.AnswerId == answerId).ExecuteDeleteAsync(cancellationToken);
                break;
            case "schedule":
                await ReplaceScheduleAsync(stream, int.Parse(key), Ordered(events), cancellationToken);
                return;
        }
        // Read after the ticket's rows were deleted: a schedule's change waits for this ticket's, or this one for it (RetimeAsync).
        var calendars = kind == "ticket" ? await CalendarsAsync(cancellationToken) : null;
        Add(stream, Ordered(events), calendars);
    }

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
