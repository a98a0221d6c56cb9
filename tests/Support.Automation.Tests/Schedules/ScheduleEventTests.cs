using System.Net;
using System.Net.Http.Json;
using Support.Automation.Schedules;
using Support.Automation.Tests.Infrastructure;
using Support.Contracts.Automation;

namespace Support.Automation.Tests.Schedules;

/// <summary>Each change of a schedule is published with it (through the outbox): its creation, its changes, its deletion.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class ScheduleEventTests(DefaultAutomationApp app)
{
    private readonly HttpClient admin = app.Client("admin");
    private readonly string tag = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Creating_changing_and_deleting_a_schedule_publishes_the_whole_schedule_each_time()
    {
        var created = await admin.PostAsJsonAsync("/api/automation/schedules", new
        {
            name = $"Shanghai {tag}", timeZone = "Asia/Shanghai", groupIds = new[] { 9101, 9102 },
            hours = new[] { new { day = "monday", start = "09:00", end = "18:00" }, new { day = "friday", start = "22:00", end = "24:00" } },
            holidays = new[] { new { date = "2026-10-01", name = "National Day" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ScheduleResponse>(ServiceApp<Program>.Json))!.Id;

        var announced = Assert.Single(await app.Events.WaitForAsync<BusinessScheduleChanged>(e => e.ScheduleId == id));
        Assert.Equal(($"Shanghai {tag}", "Asia/Shanghai", false), (announced.Name, announced.TimeZone, announced.IsDefault));
        Assert.Equal([new ScheduleHours("monday", "09:00", "18:00"), new ScheduleHours("friday", "22:00", "24:00")], announced.Hours);
        Assert.Equal([new ScheduleHoliday("2026-10-01", "National Day")], announced.Holidays);
        Assert.Equal([9101, 9102], announced.GroupIds);

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/automation/schedules/{id}") { Content = JsonContent.Create(new { groupIds = new[] { 9103 } }) };
        patch.Content.Headers.ContentType = new("application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(patch)).StatusCode);
        var changed = (await app.Events.WaitForAsync<BusinessScheduleChanged>(e => e.ScheduleId == id, count: 2)).Last();
        Assert.Equal([9103], changed.GroupIds);
        Assert.Equal(announced.Hours, changed.Hours);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/automation/schedules/{id}")).StatusCode);
        Assert.Single(await app.Events.WaitForAsync<BusinessScheduleDeleted>(e => e.ScheduleId == id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/automation/schedules/{id}")).StatusCode);
        Assert.Single(app.Events.All<BusinessScheduleDeleted>(e => e.ScheduleId == id));
    }

    [Fact]
    public async Task A_new_default_publishes_the_old_default_losing_its_flag_and_a_refused_change_publishes_nothing()
    {
        var first = await CreateDefaultAsync($"First default {tag}");
        var second = await CreateDefaultAsync($"Second default {tag}");

        var demoted = (await app.Events.WaitForAsync<BusinessScheduleChanged>(e => e.ScheduleId == first, count: 2)).Last();
        Assert.False(demoted.IsDefault);
        Assert.True(Assert.Single(app.Events.All<BusinessScheduleChanged>(e => e.ScheduleId == second)).IsDefault);

        var taken = new HttpRequestMessage(HttpMethod.Patch, $"/api/automation/schedules/{first}") { Content = JsonContent.Create(new { name = $"Second default {tag}" }) };
        taken.Content.Headers.ContentType = new("application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(taken)).StatusCode);

        foreach (var id in new[] { first, second })
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/automation/schedules/{id}")).StatusCode);
        await app.Events.WaitForAsync<BusinessScheduleDeleted>(e => e.ScheduleId == first || e.ScheduleId == second, count: 2);
        Assert.Equal(2, app.Events.All<BusinessScheduleChanged>(e => e.ScheduleId == first).Count);
    }

    private async Task<int> CreateDefaultAsync(string name)
    {
        var response = await admin.PostAsJsonAsync("/api/automation/schedules", new
        {
            name, timeZone = "UTC", isDefault = true, hours = new[] { new { day = "tuesday", start = "08:00", end = "16:00" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ScheduleResponse>(ServiceApp<Program>.Json))!.Id;
    }
}
