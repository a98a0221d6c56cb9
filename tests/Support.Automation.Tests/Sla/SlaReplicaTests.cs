using System.Net;
using System.Net.Http.Json;
using Support.Automation.Sla;
using Support.Automation.Tests.Infrastructure;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;

namespace Support.Automation.Tests.Sla;

/// <summary>Two replicas on one database and broker, both running the SLA clock: every breach is announced exactly once.</summary>
public sealed class SlaReplicaTests : IAsyncLifetime
{
    private readonly AutomationApp first = new(clock: new ManualClock(DateTimeOffset.UtcNow));
    private AutomationApp second = null!;

    public async Task InitializeAsync()
    {
        await first.InitializeAsync();
        second = new AutomationApp(first.Servers, first.Clock);
        await second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Two_replicas_announce_each_breach_once()
    {
        var admin = first.Client("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/automation/sla-policies", new
        {
            name = "Everything in 30 minutes", targets = new[] { new { priority = "normal", metric = SlaMetrics.FirstReply, minutes = 30, businessHours = false } },
        })).StatusCode);
        var start = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        first.Clock.Set(start);
        var tickets = Enumerable.Range(0, 300).Select(i => 5_000_000 + i).ToList();
        foreach (var id in tickets)
            await first.Events.PublishAsync(new TicketCreated(id, "Slow", "Slow.", "new", "normal", true, null, "web", 42, "r@example.com", "R", null, [],
                new Support.Contracts.Actor("customer", "42"), start.AddSeconds(id % 60)), Guid.NewGuid());
        await first.Events.WaitForAsync<SlaApplied>(e => tickets.Contains(e.TicketId), count: tickets.Count, timeoutSeconds: 60);

        first.Clock.Set(start.AddHours(1));
        var breaches = await first.Events.WaitForAsync<SlaBreached>(e => tickets.Contains(e.TicketId), count: tickets.Count, timeoutSeconds: 60);
        await Task.Delay(1000); // both clocks have scanned several times more
        breaches = first.Events.All<SlaBreached>(e => tickets.Contains(e.TicketId));
        Assert.Equal(tickets.Count, breaches.Count);
        Assert.Equal(tickets.Count, breaches.Select(b => b.TicketId).Distinct().Count());
        Assert.All(breaches, b => Assert.Equal(start.AddSeconds(b.TicketId % 60).AddMinutes(30), b.BreachedAt));
    }
}
