using System.Net;
using MassTransit;
using Support.Analytics.Sla;
using Support.Analytics.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Sla;

/// <summary>
/// SLA outcomes in the week of 2026-06-01, by hand: ticket 501 achieves its first reply and resolution; 502 breaches
/// both (its late first reply, a fulfilment after the breach, adds nothing; the breach arrives three times: a
/// redelivery and a republication); 503 (whose TicketCreated never came) achieves two next replies, breaches a third
/// and achieves a periodic update; 504 breaches just before the week and achieves a requester wait exactly at its end.
/// Warnings, applications and due-time changes count for nothing.
/// </summary>
public static class SlaScenario
{
    public static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public const string Week = "from=2026-06-01T00:00:00Z&to=2026-06-08T00:00:00Z";

    private static DateTimeOffset Day(int day, int hour) => Monday.AddDays(day).AddHours(hour);

    public static async Task PublishAsync(AnalyticsApp app)
    {
        var target = new SlaTarget("first_reply_time", 60, false, "active", Day(0, 10));
        var breach = new SlaBreached(502, 7, "first_reply_time", Day(0, 11), 3, "high", Day(0, 12));
        var breachId = NewId.NextGuid();
        object[] events =
        [
            new TicketCreated(501, "Cannot log in", "The login page rejects my password.", "new", "normal", true, null, "web", 1,
                "ann@example.com", "Ann", null, [], new Actor("customer", "1"), Day(0, 9)),
            new SlaApplied(501, 7, "Standard", [target], Day(0, 9)),
            new SlaWarning(501, 7, "first_reply_time", Day(0, 10), Day(0, 9)),
            new SlaDueChanged(501, Day(0, 10), Day(0, 9)),
            new SlaFulfilled(501, 7, "first_reply_time", false, Day(0, 10)),
            new SlaFulfilled(501, 7, "resolution_time", false, Day(1, 9)),
            new SlaFulfilled(502, 7, "first_reply_time", true, Day(0, 13)),
            new SlaBreached(502, 7, "resolution_time", Day(2, 8), 3, "high", Day(2, 9)),
            new SlaFulfilled(503, 7, "next_reply_time", false, Day(1, 10)),
            new SlaFulfilled(503, 7, "next_reply_time", false, Day(1, 15)),
            new SlaBreached(503, 7, "next_reply_time", Day(2, 10), null, "normal", Day(2, 10)),
            new SlaFulfilled(503, 7, "periodic_update", false, Day(3, 10)),
            new SlaBreached(504, 7, "first_reply_time", Day(-1, 22), null, "low", Day(-1, 23)),
            new SlaFulfilled(504, 7, "requester_wait_time", false, Day(7, 0)),
        ];
        foreach (var e in events)
            await app.PublishAsync(e, NewId.NextGuid());
        await app.PublishAsync(breach, breachId);
        await app.PublishAsync(breach, breachId);
        await app.PublishAsync(breach, NewId.NextGuid());
        await app.WaitForConsumedAsync();
    }

    public static async Task AssertReportsAsync(AnalyticsApp app)
    {
        var week = await app.GetAsync<SlaReport>($"/api/analytics/sla?{Week}");
        Assert.Equal((Monday, Monday.AddDays(7)), (week.From, week.To));
        Assert.Equal(new SlaFigures(5, 3, 0.625), week.Overall);
        Assert.Equal(
        [
            new SlaMetricFigures("first_reply_time", 1, 1, 0.5),
            new SlaMetricFigures("next_reply_time", 2, 1, 0.6667),
            new SlaMetricFigures("periodic_update", 1, 0, 1.0),
            new SlaMetricFigures("requester_wait_time", 0, 0, null),
            new SlaMetricFigures("resolution_time", 1, 1, 0.5),
        ], week.Metrics);

        var tuesday = await app.GetAsync<SlaReport>("/api/analytics/sla?from=2026-06-02&to=2026-06-03");
        Assert.Equal(new SlaFigures(3, 0, 1.0), tuesday.Overall);
        Assert.Equal([0, 2, 0, 0, 1], tuesday.Metrics.Select(m => m.Achieved));

        var wider = await app.GetAsync<SlaReport>("/api/analytics/sla?from=2026-05-31&to=2026-06-09");
        Assert.Equal(new SlaFigures(6, 4, 0.6), wider.Overall);
        Assert.Equal(new SlaMetricFigures("first_reply_time", 1, 2, 0.3333), wider.Metrics[0]);
        Assert.Equal(new SlaMetricFigures("requester_wait_time", 1, 0, 1.0), wider.Metrics[3]);

        var empty = await app.GetAsync<SlaReport>("/api/analytics/sla?from=2025-01-01&to=2025-02-01");
        Assert.Equal(new SlaFigures(0, 0, null), empty.Overall);
        Assert.All(empty.Metrics, m => Assert.Null(m.Attainment));
    }
}

public sealed class SlaFixture : IAsyncLifetime
{
    public AnalyticsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AnalyticsApp.StartAsync();
        await SlaScenario.PublishAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SlaReportTests(SlaFixture fixture) : IClassFixture<SlaFixture>
{
    private readonly AnalyticsApp app = fixture.App;

    [Fact]
    public Task The_report_gives_the_hand_computed_attainment_per_metric_and_overall() => SlaScenario.AssertReportsAsync(app);

    [Fact]
    public async Task The_read_model_holds_one_row_per_outcome_and_a_rebuild_gives_the_same_report()
    {
        Assert.Equal(10, await app.CountAsync("sla_outcomes"));
        var rebuild = await app.Client().PostAsync("/api/analytics/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuild.StatusCode);
        Assert.Equal(10, await app.CountAsync("sla_outcomes"));
        await SlaScenario.AssertReportsAsync(app);
    }

    [Fact]
    public async Task The_report_reads_as_CSV_overall_first()
    {
        var csv = await app.GetTextAsync($"/api/analytics/sla?{SlaScenario.Week}&format=csv");
        Assert.Equal(
            "From,To,Metric,Achieved,Breached,Attainment\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,all,5,3,0.625\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,first_reply_time,1,1,0.5\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,next_reply_time,2,1,0.6667\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,periodic_update,1,0,1\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,requester_wait_time,0,0,\r\n" +
            "2026-06-01T00:00:00+00:00,2026-06-08T00:00:00+00:00,resolution_time,1,1,0.5\r\n", csv);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-06-08&to=2026-06-01", "to")]
    [InlineData("from=2026-06-01&to=2026-06-01", "to")]
    [InlineData("from=0001-01-01", "from")]
    public async Task A_bad_period_is_refused_naming_the_field(string query, string field)
    {
        var response = await app.Client().GetAsync($"/api/analytics/sla?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Agents_read_it_and_customers_do_not()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Client("agent:3").GetAsync($"/api/analytics/sla?{SlaScenario.Week}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("customer:1").GetAsync($"/api/analytics/sla?{SlaScenario.Week}")).StatusCode);
    }
}

public sealed class SqliteSlaReportTests
{
    [Fact]
    public async Task Sqlite_gives_the_same_hand_computed_attainment()
    {
        await using var app = await AnalyticsApp.StartAsync(sqlite: true);
        await SlaScenario.PublishAsync(app);
        await SlaScenario.AssertReportsAsync(app);
    }
}
