using System.Net.Http.Json;
using MassTransit;
using Support.Analytics.Reports;
using Support.Analytics.Tests.Infrastructure;
using Support.Analytics.Tickets;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Tickets;

/// <summary>
/// Business minutes by hand: a default schedule Monday–Friday 09:00–17:00 UTC, and one for group 20 in Shanghai (UTC+8,
/// no DST) Monday–Friday 09:00–18:00 local, that is 01:00–10:00 UTC. The tickets are published before the schedules, so
/// the schedules' arrival retimes them; deleting a schedule moves its tickets to the default, deleting the default to
/// calendar time.
/// </summary>
public sealed class BusinessMinutesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(int day, int hour, int minute = 0) => Friday.AddDays(day).AddHours(hour).AddMinutes(minute);
    private const string Period = "from=2026-03-06T00:00:00Z&to=2026-03-11T00:00:00Z";

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    private static readonly BusinessScheduleChanged Office = new(1, "Office", "UTC", true,
        Weekdays.Select(d => new ScheduleHours(d, "09:00", "17:00")).ToList(), [], [], At(-30, 0));
    private static readonly BusinessScheduleChanged Shanghai = new(2, "Shanghai", "Asia/Shanghai", false,
        Weekdays.Select(d => new ScheduleHours(d, "09:00", "18:00")).ToList(), [new ScheduleHoliday("2026-10-01", "National Day")], [20], At(-30, 0));

    private AnalyticsApp app = null!;

    public async Task InitializeAsync()
    {
        app = await AnalyticsApp.StartAsync();
        object[] tickets =
        [
            // Ticket 1, no group: created Friday 16:30, replied Monday 09:30, solved Monday 10:00.
            Created(1, At(0, 16, 30)),
            new TicketCommentAdded(1, 11, "Here you are.", true, new Actor("agent", "5"), false, At(3, 9, 30)),
            new TicketStatusChanged(1, "new", "solved", 5, new Actor("agent", "5"), At(3, 10)),
            // Ticket 2, group 20: created Monday 09:00 UTC (17:00 in Shanghai), replied and solved Tuesday 02:00 UTC (10:00 there).
            Created(2, At(3, 9)),
            new TicketAssigned(2, 5, null, 20, null, "normal", Actor.System, At(3, 9)),
            new TicketCommentAdded(2, 21, "Done.", true, new Actor("agent", "5"), false, At(4, 2)),
            new TicketStatusChanged(2, "new", "solved", 5, new Actor("agent", "5"), At(4, 2)),
        ];
        await PublishAsync(tickets);
        await PublishAsync(Office, Shanghai);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Each_ticket_is_timed_by_its_groups_schedule_else_the_default_and_rebuild_gives_the_same()
    {
        await AssertTimedAsync();
        Assert.True((await app.Client("admin").PostAsync("/api/analytics/rebuild", null)).IsSuccessStatusCode);
        await AssertTimedAsync();
    }

    private async Task AssertTimedAsync()
    {
        var t1 = await MetricsAsync(1);
        Assert.Equal(3900, t1.FirstReplyMinutes);               // Friday 16:30 → Monday 09:30
        Assert.Equal(60, t1.FirstReplyBusinessMinutes);         // Friday 16:30–17:00 and Monday 09:00–09:30
        Assert.Equal((3930.0, 90.0), (t1.FullResolutionMinutes!.Value, t1.FullResolutionBusinessMinutes!.Value));
        Assert.Equal((90.0, 90.0), (t1.FirstResolutionBusinessMinutes!.Value, t1.RequesterWaitBusinessMinutes!.Value)); // new all along

        var t2 = await MetricsAsync(2);
        Assert.Equal(1020, t2.FirstReplyMinutes);               // Monday 09:00 → Tuesday 02:00 UTC
        Assert.Equal(120, t2.FirstReplyBusinessMinutes);        // Shanghai Monday 17:00–18:00 and Tuesday 09:00–10:00
        Assert.Equal((120.0, 120.0, 120.0),
            (t2.FirstResolutionBusinessMinutes!.Value, t2.FullResolutionBusinessMinutes!.Value, t2.RequesterWaitBusinessMinutes!.Value));

        var summary = (await app.GetAsync<SummaryReport>($"/api/analytics/summary?{Period}")).Total;
        Assert.Equal((2460.0, 90.0), (summary.FirstReplyMedianMinutes!.Value, summary.FirstReplyMedianBusinessMinutes!.Value)); // (3900 + 1020) / 2, (60 + 120) / 2
        Assert.Equal(114, summary.FirstReplyP90BusinessMinutes);                        // 60 + 0.9 × 60
        Assert.Equal(105, summary.FullResolutionMedianBusinessMinutes);                 // (90 + 120) / 2
        var csv = await app.GetTextAsync($"/api/analytics/summary?{Period}&format=csv");
        Assert.Contains("FirstReplyMedianBusinessMinutes", csv);
    }

    [Fact]
    public async Task Deleting_a_schedule_retimes_its_tickets_by_the_default_and_deleting_the_default_by_the_calendar()
    {
        await PublishAsync(new BusinessScheduleDeleted(2, At(10, 0)));
        var t2 = await MetricsAsync(2);
        Assert.Equal(480, t2.FirstReplyBusinessMinutes);        // Monday 09:00–17:00 UTC; Tuesday 02:00 is before opening
        Assert.Equal(60, (await MetricsAsync(1)).FirstReplyBusinessMinutes);

        await PublishAsync(new BusinessScheduleDeleted(1, At(10, 1)));
        foreach (var id in new[] { 1, 2 })
        {
            var t = await MetricsAsync(id);
            Assert.Equal((t.FirstReplyMinutes, t.FullResolutionMinutes, t.RequesterWaitMinutes),
                (t.FirstReplyBusinessMinutes, t.FullResolutionBusinessMinutes, t.RequesterWaitBusinessMinutes));
        }

        await PublishAsync(Shanghai with { GroupIds = [20, 21], ChangedAt = At(10, 2) }); // a change after the deletion brings it back
        Assert.Equal(120, (await MetricsAsync(2)).FirstReplyBusinessMinutes);
        Assert.Equal(3900, (await MetricsAsync(1)).FirstReplyBusinessMinutes);
    }

    [Fact]
    public async Task A_schedule_in_a_time_zone_unknown_here_is_not_copied_and_times_nothing()
    {
        await PublishAsync(Shanghai with { ScheduleId = 3, TimeZone = "Mars/Olympus_Mons", GroupIds = [30], ChangedAt = At(10, 0) });
        await PublishAsync(new TicketAssigned(1, 5, null, 30, null, "normal", Actor.System, At(0, 16, 31)));
        Assert.Equal(60, (await MetricsAsync(1)).FirstReplyBusinessMinutes);   // the default's, as before
        Assert.Equal(0, await app.CountAsync("business_schedules WHERE \"ScheduleId\" = 3"));
    }

    private static TicketCreated Created(int id, DateTimeOffset at) =>
        new(id, $"Ticket {id}", "Help", "new", "normal", true, "question", "email", 100 + id, $"c{id}@example.com", $"Customer {id}", null, [],
            new Actor("customer", (100 + id).ToString()), at);

    private async Task PublishAsync(params object[] events)
    {
        foreach (var e in events)
            await app.PublishAsync(e, NewId.NextGuid());
        await app.WaitForConsumedAsync();
    }

    private async Task<TicketMetrics> MetricsAsync(int id) => (await app.GetAsync<TicketMetricsResponse>($"/api/analytics/tickets/{id}")).Metrics;
}
