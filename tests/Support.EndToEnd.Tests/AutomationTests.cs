using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// SLA across the services, through the gateway and in real time: a ticket created outside business hours is due a
/// business minute after opening; the Ticket service keeps that due time on the ticket; the customer is acknowledged
/// by email; and at the due time Automation announces the breach. (Routing's escalation on a breach is tested in
/// Routing's own tests: groups made here would route every other test's tickets.)
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class AutomationTests(Topology topology)
{
    [Fact]
    public async Task An_urgent_ticket_outside_business_hours_is_due_a_business_minute_after_opening_and_breaches_then()
    {
        using var admin = topology.AdminClient();
        var tag = $"sla-{Guid.NewGuid():N}"[..16];
        // Opening at the next whole minute at least 30 s away, for three hours: now is outside business hours.
        var now = DateTimeOffset.UtcNow;
        var opening = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 30 ? 1 : 2);
        var schedule = await admin.PostAsJsonAsync("/api/automation/schedules", new
        {
            name = $"Opening soon {tag}", timeZone = "UTC", isDefault = true,
            hours = new[] { new { day = opening.DayOfWeek.ToString().ToLowerInvariant(), start = opening.ToString("HH:mm"), end = opening.AddHours(3).ToString("HH:mm") } },
        });
        await schedule.JsonAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/automation/sla-policies", new
        {
            name = $"Urgent {tag}", position = 0, conditions = new { tags = new[] { tag } },
            targets = new[] { new { priority = "urgent", metric = "first_reply_time", minutes = 1, businessHours = true } },
        })).JsonAsync(HttpStatusCode.Created);

        var customer = $"sla-{Guid.NewGuid():N}"[..16] + "@example.com";
        var ticketId = (await (await admin.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Checkout is down", description = "Nobody can pay.", priority = "urgent", tags = new[] { tag },
            requester = new { email = customer, name = "Uma Urgent" },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var due = opening.AddMinutes(1);
        var sla = await Eventually.ReadUntilAsync(
            async () =>
            {
                var response = await admin.GetAsync($"/api/automation/tickets/{ticketId}/sla");
                return response.StatusCode == HttpStatusCode.NotFound ? default : await response.JsonAsync(HttpStatusCode.OK); // not copied yet
            },
            s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("targets", out var t) && t.GetArrayLength() == 1,
            TimeSpan.FromSeconds(30), $"ticket {ticketId}'s SLA (TicketCreated → Automation)");
        var target = sla.GetProperty("targets")[0];
        Assert.Equal(("first_reply_time", "active", due), (target.Text("metric"), target.Text("status"), target.GetProperty("dueAt").GetDateTimeOffset()));
        await Eventually.ReadUntilAsync(
            async () => await (await admin.GetAsync($"/api/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK),
            t => t.TryGetProperty("slaDueAt", out var d) && d.ValueKind == JsonValueKind.String && d.GetDateTimeOffset() == due,
            TimeSpan.FromSeconds(30), $"ticket {ticketId}'s slaDueAt {due:O} (SlaDueChanged → Ticket)");

        var ack = await topology.Mail.WaitForAsync(customer, _ => true, TimeSpan.FromSeconds(60));
        Assert.StartsWith($"[#{ticketId}] ", ack.Subject);

        var wait = due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var breached = await Eventually.ReadUntilAsync(
            async () => await (await admin.GetAsync($"/api/automation/tickets/{ticketId}/sla")).JsonAsync(HttpStatusCode.OK),
            s => s.GetProperty("targets")[0].Text("status") == "breached",
            wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(30), $"ticket {ticketId}'s first-reply target to breach at {due:O}");
        Assert.Equal(due, breached.GetProperty("targets")[0].GetProperty("breachedAt").GetDateTimeOffset());
    }
}
