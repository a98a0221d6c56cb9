using System.Net;
using System.Net.Http.Json;
using Support.Automation.Sla;
using Support.Automation.Tests.Infrastructure;
using Support.Contracts.Automation;

namespace Support.Automation.Tests.Sla;

/// <summary>
/// SLA scenarios with exact due times and breach moments, driven by a clock the test moves, through real ticket events
/// on the broker. Each test's policy covers only its own tickets (by a tag of its own); the default schedule is
/// Monday to Friday, 09:00–17:00 UTC.
/// </summary>
[Collection(SlaAppCollection.Name)]
public sealed class SlaTimingTests(SlaApp app) : IAsyncLifetime
{
    private readonly string tag = $"sla-{Guid.NewGuid():N}"[..20];
    private readonly HttpClient admin = app.Client("admin");

    // Monday 7 December 2026.
    private static DateTimeOffset Monday(int hour, int minute = 0) => new(2026, 12, 7, hour, minute, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var schedules = await admin.GetFromJsonAsync<Page<ScheduleDto>>("/api/automation/schedules", ServiceApp<Program>.Json);
        if (schedules!.Items.Any(s => s.IsDefault))
            return;
        var created = await admin.PostAsJsonAsync("/api/automation/schedules", new
        {
            name = "Office hours", timeZone = "UTC", isDefault = true,
            hours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "09:00", end = "17:00" }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record ScheduleDto(int Id, bool IsDefault);

    private sealed record Page<T>(List<T> Items);

    private async Task<int> PolicyAsync(params object[] targets)
    {
        var response = await admin.PostAsJsonAsync("/api/automation/sla-policies", new
        {
            name = $"Policy {Guid.NewGuid():N}", position = 0, conditions = new { tags = new[] { tag } }, targets,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SlaPolicyResponse>(ServiceApp<Program>.Json))!.Id;
    }

    private static object Target(string metric, int minutes, bool businessHours, string priority = "normal") =>
        new { priority, metric, minutes, businessHours };

    /// <summary>Reads the ticket's SLA until it shows what the test expects (its events are handled asynchronously).</summary>
    private async Task<TicketSlaResponse> SlaAsync(TicketStory ticket, Func<TicketSlaResponse, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await admin.GetAsync($"/api/automation/tickets/{ticket.TicketId}/sla");
            if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<TicketSlaResponse>(ServiceApp<Program>.Json) is { } sla && expected(sla))
                return sla;
            Assert.True(DateTime.UtcNow < deadline, $"Ticket {ticket.TicketId}'s SLA did not reach the expected state within 30 s.");
            await Task.Delay(50);
        }
    }

    private static TicketSlaTargetResponse Target(TicketSlaResponse sla, string metric) => sla.Targets.Last(t => t.Metric == metric);

    [Fact]
    public async Task An_urgent_ticket_late_on_friday_is_due_on_monday_morning_in_business_hours()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 60, businessHours: true, priority: "urgent"));
        var friday = new DateTimeOffset(2026, 12, 11, 16, 30, 0, TimeSpan.Zero);
        app.Clock.Set(friday);
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync("urgent");

        var sla = await SlaAsync(ticket, s => s.Targets.Count > 0);
        var due = new DateTimeOffset(2026, 12, 14, 9, 30, 0, TimeSpan.Zero);
        Assert.Equal(due, Target(sla, SlaMetrics.FirstReply).DueAt);
        Assert.Equal(due, sla.NextDueAt);
        var applied = Assert.Single(await app.Events.WaitForAsync<SlaApplied>(e => e.TicketId == ticket.TicketId));
        Assert.Equal([(SlaMetrics.FirstReply, 60, true, "active", (DateTimeOffset?)due)],
            applied.Targets.Select(t => (t.Metric, t.Minutes, t.BusinessHours, t.Status, t.DueAt)));
        Assert.Equal(due, (await app.Events.WaitForAsync<SlaDueChanged>(e => e.TicketId == ticket.TicketId)).Last().NextDueAt);
    }

    [Fact]
    public async Task Requester_wait_pauses_while_pending_and_resumes_where_it_stopped()
    {
        await PolicyAsync(Target(SlaMetrics.RequesterWait, 120, businessHours: false));
        app.Clock.Set(Monday(10));
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync();
        await SlaAsync(ticket, s => s.Targets.Count == 1);

        app.Clock.Set(Monday(10, 30));
        await ticket.ChangedAsync("status", "new", "pending");
        var paused = Target(await SlaAsync(ticket, s => s.Targets[0].Status == "paused"), SlaMetrics.RequesterWait);
        Assert.Null(paused.DueAt);
        Assert.Equal(30, paused.ElapsedMinutes);
        Assert.Equal(90, paused.MinutesLeft);

        app.Clock.Set(Monday(11, 30));
        await ticket.ChangedAsync("status", "pending", "open", TicketEvents.Customer);
        var resumed = Target(await SlaAsync(ticket, s => s.Targets[0].Status == "active"), SlaMetrics.RequesterWait);
        Assert.Equal(Monday(13), resumed.DueAt); // 30 minutes used, 90 left from 11:30
    }

    [Fact]
    public async Task A_customers_comment_after_the_first_reply_starts_the_next_reply_target()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 60, businessHours: false), Target(SlaMetrics.NextReply, 30, businessHours: false));
        app.Clock.Set(Monday(10));
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync();
        await SlaAsync(ticket, s => s.Targets.Count == 1);

        app.Clock.Set(Monday(10, 10));
        await ticket.CommentedAsync(TicketEvents.Agent, isPublic: false); // an internal note is not a reply
        app.Clock.Set(Monday(10, 20));
        await ticket.CommentedAsync(TicketEvents.Agent);
        var fulfilled = Assert.Single(await app.Events.WaitForAsync<SlaFulfilled>(e => e.TicketId == ticket.TicketId));
        Assert.Equal((SlaMetrics.FirstReply, false, Monday(10, 20)), (fulfilled.Metric, fulfilled.Breached, fulfilled.FulfilledAt));

        app.Clock.Set(Monday(10, 40));
        await ticket.CommentedAsync(TicketEvents.Customer);
        var sla = await SlaAsync(ticket, s => s.Targets.Any(t => t.Metric == SlaMetrics.NextReply));
        Assert.Equal("achieved", Target(sla, SlaMetrics.FirstReply).Status);
        Assert.Equal(Monday(11, 10), Target(sla, SlaMetrics.NextReply).DueAt);
        Assert.Equal(Monday(11, 10), sla.NextDueAt);
    }

    [Fact]
    public async Task A_breach_is_announced_once_at_its_due_time_and_a_late_reply_fulfils_it_as_breached()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 60, businessHours: false));
        app.Clock.Set(Monday(10));
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync();
        await SlaAsync(ticket, s => s.Targets.Count == 1);

        app.Clock.Set(Monday(10, 52)); // within the 10-minute warning lead
        var warning = Assert.Single(await app.Events.WaitForAsync<SlaWarning>(e => e.TicketId == ticket.TicketId));
        Assert.Equal(Monday(11), warning.DueAt);

        app.Clock.Set(Monday(11, 5));
        var breach = Assert.Single(await app.Events.WaitForAsync<SlaBreached>(e => e.TicketId == ticket.TicketId));
        Assert.Equal((SlaMetrics.FirstReply, Monday(11), Monday(11), "normal"), (breach.Metric, breach.DueAt, breach.BreachedAt, breach.Priority));
        var sla = await SlaAsync(ticket, s => s.Targets[0].Status == "breached");
        Assert.Equal(-5, Target(sla, SlaMetrics.FirstReply).MinutesLeft);

        app.Clock.Set(Monday(11, 20));
        await ticket.CommentedAsync(TicketEvents.Agent);
        var fulfilled = Assert.Single(await app.Events.WaitForAsync<SlaFulfilled>(e => e.TicketId == ticket.TicketId));
        Assert.True(fulfilled.Breached);
        Assert.Single(app.Events.All<SlaBreached>(e => e.TicketId == ticket.TicketId));
        Assert.Null((await SlaAsync(ticket, s => s.Targets[0].FulfilledAt is not null)).NextDueAt);
    }

    [Fact]
    public async Task A_priority_change_to_another_policy_cancels_the_targets_and_carries_their_clocks()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 240, businessHours: false), Target(SlaMetrics.FirstReply, 30, businessHours: false, priority: "urgent"));
        app.Clock.Set(Monday(10));
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync();
        await SlaAsync(ticket, s => s.Targets.Count == 1);

        app.Clock.Set(Monday(10, 10));
        await ticket.ChangedAsync("priority", "normal", "urgent");
        var sla = await SlaAsync(ticket, s => s.Targets.Count == 2);
        Assert.Equal(["cancelled", "active"], sla.Targets.Select(t => t.Status));
        // The urgent target counts from the ticket's creation: 10 of its 30 minutes are gone.
        Assert.Equal(Monday(10, 30), sla.Targets[1].DueAt);
        Assert.Equal(2, (await app.Events.WaitForAsync<SlaApplied>(e => e.TicketId == ticket.TicketId, count: 2)).Count);
    }

    [Fact]
    public async Task Solving_fulfils_resolution_and_cancels_the_reply_targets_and_reopening_runs_resolution_again()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 60, businessHours: false), Target(SlaMetrics.Resolution, 480, businessHours: true));
        app.Clock.Set(Monday(16)); // one business hour left today
        var ticket = new TicketStory(app, tag);
        await ticket.CreatedAsync();
        var applied = await SlaAsync(ticket, s => s.Targets.Count == 2);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 16, 0, 0, TimeSpan.Zero), Target(applied, SlaMetrics.Resolution).DueAt);

        app.Clock.Set(Monday(16, 30));
        await ticket.ChangedAsync("status", "new", "solved");
        var solved = await SlaAsync(ticket, s => s.Targets.All(t => t.Status is not "active"));
        Assert.Equal("cancelled", Target(solved, SlaMetrics.FirstReply).Status);
        Assert.Equal("achieved", Target(solved, SlaMetrics.Resolution).Status);
        Assert.Null(solved.NextDueAt);

        app.Clock.Set(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero)); // Tuesday morning: 30 business minutes used
        await ticket.ChangedAsync("status", "solved", "open", TicketEvents.Customer);
        var reopened = await SlaAsync(ticket, s => Target(s, SlaMetrics.Resolution).Status == "active");
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 16, 30, 0, TimeSpan.Zero), Target(reopened, SlaMetrics.Resolution).DueAt);
    }

    [Fact]
    public async Task The_same_ticket_event_delivered_twice_applies_the_policy_once()
    {
        await PolicyAsync(Target(SlaMetrics.FirstReply, 60, businessHours: false));
        app.Clock.Set(Monday(10));
        var ticket = new TicketStory(app, tag);
        var created = new Support.Contracts.Tickets.TicketCreated(ticket.TicketId, "Twice", "Twice.", "new", "normal", true, null, "web",
            42, "requester@example.com", "Rita", null, [tag], TicketEvents.Customer, Monday(10));
        var messageId = Guid.NewGuid();
        await app.Events.PublishAsync(created, messageId);
        await app.Events.PublishAsync(created, messageId);
        await app.Events.PublishAsync(created, Guid.NewGuid()); // the same ticket again under another message id
        Assert.Single(await app.Events.WaitForAsync<SlaApplied>(e => e.TicketId == ticket.TicketId));
        Assert.Single((await SlaAsync(ticket, s => s.Targets.Count > 0)).Targets);
    }

    [Fact]
    public async Task A_trigger_within_business_hours_false_acts_on_what_comes_in_at_the_weekend_only()
    {
        var created = await admin.PostAsJsonAsync("/api/automation/triggers", new
        {
            name = $"After hours {tag}",
            conditions = new
            {
                all = new object[]
                {
                    new { field = "event", @operator = "is", value = "created" }, new { field = "tags", @operator = "includes", value = tag },
                    new { field = "withinBusinessHours", @operator = "is", value = false },
                },
            },
            actions = new[] { new { field = "addTags", value = "after-hours" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saturday = new TicketStory(app, tag);
        await saturday.CreatedAsync(at: new DateTimeOffset(2026, 12, 12, 10, 0, 0, TimeSpan.Zero));
        var monday = new TicketStory(app, tag);
        await monday.CreatedAsync(at: Monday(10));

        var command = Assert.Single(await app.Events.WaitForAsync<Support.Contracts.Automation.TicketActionsRequested>(c => c.TicketId == saturday.TicketId));
        Assert.Equal(["after-hours"], command.AddTags);
        await SlaAsync(monday, _ => true); // its TicketCreated was handled
        Assert.Empty(app.Events.All<Support.Contracts.Automation.TicketActionsRequested>(c => c.TicketId == monday.TicketId));
    }
}
