using System.Text.Json;
using Support.Analytics.Tests.Infrastructure;

namespace Support.Analytics.Tests.Reports;

/// <summary>The scenario's events published once each, as the services would: the reports hold the metrics computed by hand.</summary>
public sealed class ScenarioTests : IAsyncLifetime
{
    private AnalyticsApp app = null!;

    public async Task InitializeAsync()
    {
        app = await AnalyticsApp.StartAsync();
        foreach (var (message, id) in Scenario.Events)
            await app.PublishAsync(message, id);
        await app.WaitForConsumedAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_event_is_recorded_once() => Assert.Equal(Scenario.Events.Count, await app.CountAsync("events"));

    [Fact]
    public Task Ticket_metrics_are_the_hand_computed_ones() => Expectations.AssertTicketMetricsAsync(app);

    [Fact]
    public Task Summary_is_the_hand_computed_one() => Expectations.AssertSummaryAsync(app);

    [Fact]
    public Task Groups_split_the_figures() => Expectations.AssertGroupedByAgentAsync(app);

    [Fact]
    public Task Agents_report_holds_solved_first_reply_csat_and_load() => Expectations.AssertAgentsAsync(app);

    [Fact]
    public Task Timeseries_buckets_by_hour_day_and_week() => Expectations.AssertTimeseriesAsync(app);

    [Fact]
    public Task Churn_and_retention_are_the_hand_computed_ones() => Expectations.AssertCustomersAsync(app);

    [Fact]
    public async Task Rebuild_replays_the_events_into_identical_read_models()
    {
        var before = await SnapshotAsync(app);
        var response = await app.Client("admin").PostAsync("/api/analytics/rebuild", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Scenario.Events.Count, result.GetProperty("events").GetInt32());
        Assert.Equal(4, result.GetProperty("tickets").GetInt32());
        Assert.Equal(before, await SnapshotAsync(app));
        await Expectations.AssertAllAsync(app);
    }

    /// <summary>Every report the scenario touches, as the API returns it.</summary>
    public static async Task<string> SnapshotAsync(AnalyticsApp app)
    {
        string[] paths =
        [
            $"/api/analytics/summary?{Scenario.Period}", $"/api/analytics/summary?{Scenario.Period}&groupBy=organisation",
            $"/api/analytics/timeseries?{Scenario.Period}&interval=hour&groupBy=priority", $"/api/analytics/agents?{Scenario.Period}",
            $"/api/analytics/customers?{Scenario.Period}", $"/api/analytics/sentiment?{Scenario.Period}&groupBy=channel",
            "/api/analytics/customers/segments?k=2&at=2026-03-04T00:00:00Z",
            "/api/analytics/tickets/1", "/api/analytics/tickets/2", "/api/analytics/tickets/3", "/api/analytics/tickets/4",
            "/api/analytics/customers/101", "/api/analytics/customers/102",
        ];
        var parts = new List<string>();
        foreach (var path in paths)
            parts.Add($"{path}\n{await app.GetTextAsync(path)}");
        return string.Join("\n", parts);
    }
}

/// <summary>The same events shuffled, some delivered twice: events carry their time, so the results do not change.</summary>
public sealed class OutOfOrderTests
{
    [Fact]
    public async Task Shuffled_and_duplicated_events_give_the_hand_computed_metrics()
    {
        await using var app = await AnalyticsApp.StartAsync();
        var random = new Random(7);
        var shuffled = Scenario.Events.OrderBy(_ => random.Next()).ToList();
        var duplicates = shuffled.Where((_, i) => i % 4 == 0).ToList();
        foreach (var (message, id) in shuffled.Concat(duplicates).OrderBy(_ => random.Next()))
            await app.PublishAsync(message, id);
        await app.WaitForConsumedAsync();

        Assert.Equal(Scenario.Events.Count, await app.CountAsync("events"));
        await Expectations.AssertAllAsync(app);
    }

    [Fact]
    public async Task Late_events_published_after_the_reports_were_read_move_them_to_the_same_result()
    {
        await using var app = await AnalyticsApp.StartAsync();
        var late = Scenario.Events.Where((_, i) => i % 3 == 1).ToHashSet();
        foreach (var (message, id) in Scenario.Events.Where(e => !late.Contains(e)))
            await app.PublishAsync(message, id);
        await app.WaitForConsumedAsync();
        _ = await app.GetTextAsync($"/api/analytics/summary?{Scenario.Period}&groupBy=agent");
        foreach (var (message, id) in late.Reverse())
            await app.PublishAsync(message, id);
        await app.WaitForConsumedAsync();

        await Expectations.AssertAllAsync(app);
    }
}

/// <summary>The standalone mode: SQLite and the in-memory bus give the same figures.</summary>
public sealed class SqliteScenarioTests
{
    [Fact]
    public async Task Sqlite_gives_the_hand_computed_metrics_and_an_identical_rebuild()
    {
        await using var app = await AnalyticsApp.StartAsync(sqlite: true);
        foreach (var (message, id) in Scenario.Events)
            await app.PublishAsync(message, id);
        await app.WaitForConsumedAsync();

        await Expectations.AssertAllAsync(app);
        var before = await ScenarioTests.SnapshotAsync(app);
        Assert.True((await app.Client("admin").PostAsync("/api/analytics/rebuild", null)).IsSuccessStatusCode);
        Assert.Equal(before, await ScenarioTests.SnapshotAsync(app));
    }
}
