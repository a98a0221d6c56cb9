using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Analytics.Data;
using Support.Analytics.EventStore;
using Support.Analytics.Tests.Infrastructure;
using Support.Analytics.Tests.Reports;

namespace Support.Analytics.Tests.EventStore;

/// <summary>The events arrive in batches: a batch is recorded in one transaction, whole or not at all, each event once.</summary>
public sealed class BatchRecordingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_holding_its_own_duplicates_and_events_recorded_before_stores_each_event_once(bool sqlite)
    {
        await using var app = await AnalyticsApp.StartAsync(sqlite);
        var earlier = Scenario.Events.Where((_, i) => i % 5 == 0).ToList();
        var later = Scenario.Events.Except(earlier).ToList();
        Assert.Equal(earlier.Count, await RecordAsync(app, earlier));

        var batch = later.Concat(earlier).Concat(later.Where((_, i) => i % 3 == 0)).OrderBy(e => e.MessageId).ToList();
        Assert.Equal(later.Count, await RecordAsync(app, batch));

        Assert.Equal(Scenario.Events.Count, await app.CountAsync("events"));
        await Expectations.AssertAllAsync(app);
    }

    [Fact]
    public async Task A_batch_failing_while_it_projects_writes_nothing_and_its_retries_record_every_event()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await ExecuteAsync(app, """
            CREATE FUNCTION refuse_customer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
            CREATE TRIGGER refuse_customer BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION refuse_customer();
            """);

        await Assert.ThrowsAnyAsync<Exception>(() => RecordAsync(app, Scenario.Events));
        Assert.Equal(0, await app.CountAsync("events"));
        Assert.Equal(0, await app.CountAsync("ticket_metrics"));

        foreach (var (message, id) in Scenario.Events)
            await app.PublishAsync(message, id);
        // The customers' batches fail and are retried; the others are recorded meanwhile.
        var others = Scenario.Events.Count(e => !EventCatalog.Describe(e.Event).Stream.StartsWith("customer/", StringComparison.Ordinal));
        const string OtherEvents = "events WHERE \"Stream\" NOT LIKE 'customer/%'";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync(OtherEvents) < others && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(others, await app.CountAsync(OtherEvents));
        Assert.Equal(0, await app.CountAsync("customers"));

        await ExecuteAsync(app, "DROP TRIGGER refuse_customer ON customers");
        await app.WaitForConsumedAsync();
        Assert.Equal(Scenario.Events.Count, await app.CountAsync("events"));
        await Expectations.AssertAllAsync(app);
    }

    private static async Task<int> RecordAsync(AnalyticsApp app, IEnumerable<(object Event, Guid MessageId)> events)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Projector>().RecordAsync(events.ToList(), CancellationToken.None);
    }

    private static async Task ExecuteAsync(AnalyticsApp app, string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
