using System.Net;
using System.Net.Http.Json;
using Support.Automation.Tests.Infrastructure;

namespace Support.Automation.Tests.Sla;

/// <summary>Policies and schedules are validated on save, with the field named, and only admins change them.</summary>
[Collection(SlaAppCollection.Name)]
public sealed class SlaPolicyApiTests(SlaApp app)
{
    private readonly HttpClient admin = app.Client("admin");

    [Fact]
    public async Task A_policy_with_an_unknown_metric_a_bad_priority_or_no_minutes_is_refused_naming_each_part()
    {
        var response = await admin.PostAsJsonAsync("/api/automation/sla-policies", new
        {
            name = "Broken",
            conditions = new { channels = new[] { "pigeon" } },
            targets = new object[]
            {
                new { priority = "urgent", metric = "first_reply", minutes = 60 },
                new { priority = "critical", metric = "resolution_time", minutes = 60 },
                new { priority = "high", metric = "resolution_time", minutes = 0 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["conditions.channels", "targets[0].metric", "targets[1].priority", "targets[2].minutes"], (await response.ProblemFieldsAsync()).Order());
        Assert.DoesNotContain((await (await admin.GetAsync("/api/automation/sla-policies")).Content.ReadAsStringAsync()), "Broken");
    }

    [Fact]
    public async Task A_schedule_with_an_unknown_zone_or_bad_hours_is_refused_naming_each_part()
    {
        var response = await admin.PostAsJsonAsync("/api/automation/schedules", new
        {
            name = "Broken hours", timeZone = "Mars/Olympus_Mons",
            hours = new object[] { new { day = "funday", start = "09:00", end = "17:00" }, new { day = "monday", start = "9am", end = "25:00" } },
            holidays = new[] { new { date = "25/12/2026", name = "Christmas" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["holidays[0].date", "hours[0].day", "hours[1].end", "hours[1].start", "timeZone"], (await response.ProblemFieldsAsync()).Order());
    }

    [Fact]
    public async Task A_policy_is_changed_with_merge_patch_and_if_match()
    {
        var created = await admin.PostAsJsonAsync("/api/automation/sla-policies", new
        {
            name = $"Patch me {Guid.NewGuid():N}", targets = new[] { new { priority = "high", metric = "first_reply_time", minutes = 60 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var etag = (await admin.GetAsync(location)).Headers.ETag!;

        var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new { targets = new[] { new { priority = "high", metric = "first_reply_time", minutes = 30, businessHours = false } } }) };
        patch.Content.Headers.ContentType = new("application/merge-patch+json");
        patch.Headers.IfMatch.Add(etag);
        var patched = await admin.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Contains("\"minutes\":30", await patched.Content.ReadAsStringAsync());

        var stale = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new { name = "Too late" }) };
        stale.Content.Headers.ContentType = new("application/merge-patch+json");
        stale.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Agents_read_policies_and_schedules_but_only_admins_change_them()
    {
        var agent = app.Client("agent:7");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/automation/sla-policies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/automation/schedules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/automation/sla-policies", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("customer:42").GetAsync("/api/automation/tickets/1/sla")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/automation/tickets/999999999/sla")).StatusCode);
    }
}
