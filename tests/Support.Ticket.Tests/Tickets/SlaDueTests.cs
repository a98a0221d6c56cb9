using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts.Automation;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Tickets;

/// <summary>
/// Automation's SlaDueChanged shows on the ticket as slaDueAt, newest computation wins, without being an edit (no
/// audit, no event, the same ETag); the list sorts by it with sort=sla_due, earliest first and nothing due last.
/// </summary>
[Collection(TicketAppCollection.Name)]
public sealed class SlaDueTests(TicketApp app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() => events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    [Fact]
    public async Task The_next_due_time_shows_on_the_ticket_without_being_an_edit()
    {
        var ticket = await client.CreateTicketAsync();
        Assert.Null(ticket.SlaDueAt);
        var messageId = NewId.NextGuid();
        await events.PublishAsync(new SlaDueChanged(ticket.Id, Monday.AddHours(4), Monday), messageId);
        await events.PublishAsync(new SlaDueChanged(ticket.Id, Monday.AddHours(4), Monday), messageId); // a relay that published it twice
        await WaitUntilHandledAsync(messageId);

        var response = await client.GetAsync($"/api/tickets/{ticket.Id}");
        var current = await response.ReadAsync<TicketResponse>();
        Assert.Equal(Monday.AddHours(4), current.SlaDueAt);
        Assert.Equal(("\"0\"", ticket.UpdatedAt), (response.Headers.ETag?.Tag, current.UpdatedAt));
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket.Id}");
        Assert.Equal(Monday.AddHours(4), json.GetProperty("slaDueAt").GetDateTimeOffset());
        var audit = (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{ticket.Id}/audit", TicketApp.Json))!.Items;
        Assert.Equal(["ticket"], audit.Select(a => a.Field));
        Assert.Equal(1, await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
        // Nothing announced, so nothing goes back to Automation: no ping-pong.
        await Task.Delay(1000);
        Assert.Empty(events.All<TicketUpdated>(e => e.TicketId == ticket.Id));

        // An agent's edit with the ETag read before the due time changed is not refused because of it, and keeps it.
        var patch = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { priority = "high" }, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(Monday.AddHours(4), (await patch.ReadAsync<TicketResponse>()).SlaDueAt);
    }

    [Fact]
    public async Task An_older_due_time_arriving_after_a_newer_one_is_dropped_and_a_newer_none_clears_it()
    {
        var ticket = await client.CreateTicketAsync();
        await PublishAndWaitAsync(new SlaDueChanged(ticket.Id, Monday.AddHours(8), Monday.AddMinutes(10)));
        await PublishAndWaitAsync(new SlaDueChanged(ticket.Id, Monday.AddHours(1), Monday.AddMinutes(5)));
        Assert.Equal(Monday.AddHours(8), (await GetAsync(ticket.Id)).SlaDueAt);

        await PublishAndWaitAsync(new SlaDueChanged(ticket.Id, null, Monday.AddMinutes(20)));
        Assert.Null((await GetAsync(ticket.Id)).SlaDueAt);
        await PublishAndWaitAsync(new SlaDueChanged(ticket.Id, Monday.AddHours(2), Monday.AddMinutes(15)));
        Assert.Null((await GetAsync(ticket.Id)).SlaDueAt);
    }

    [Fact]
    public async Task A_due_time_for_an_unknown_ticket_is_ignored()
    {
        var messageId = await PublishAndWaitAsync(new SlaDueChanged(int.MaxValue, Monday, Monday));
        Assert.Equal(1, await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
        Assert.Equal(0, await app.CountRowsAsync("tickets WHERE \"Id\" = 2147483647"));
    }

    [Fact]
    public async Task The_list_sorted_by_sla_due_puts_the_earliest_first_and_tickets_with_nothing_due_last_across_pages()
    {
        var tag = $"sla-{Guid.NewGuid():N}"[..20];
        var t = new List<TicketResponse>();
        for (var i = 0; i < 6; i++)
            t.Add(await client.CreateTicketAsync(tags: [tag]));
        await PublishAndWaitAsync(new SlaDueChanged(t[0].Id, Monday.AddHours(3), Monday));
        await PublishAndWaitAsync(new SlaDueChanged(t[1].Id, Monday.AddHours(1), Monday));
        await PublishAndWaitAsync(new SlaDueChanged(t[2].Id, Monday.AddHours(3), Monday)); // a tie: by id
        await PublishAndWaitAsync(new SlaDueChanged(t[3].Id, Monday.AddHours(2).AddTicks(5), Monday)); // below a microsecond: as stored

        int[] expected = [t[1].Id, t[3].Id, t[0].Id, t[2].Id, t[5].Id, t[4].Id];
        Assert.Equal(expected, await ListAllAsync(client, $"/api/tickets?tag={tag}&sort=sla_due", limit: 2));
        Assert.Equal(expected, await ListAllAsync(client, $"/api/tickets?tag={tag}&sort=SLA_DUE", limit: 4));
        Assert.Equal(expected, await ListAllAsync(client, $"/api/tickets?tag={tag}&sort=sla_due", limit: 100));
        // The default order is unchanged: newest first.
        Assert.Equal(t.Select(x => x.Id).Reverse(), await ListAllAsync(client, $"/api/tickets?tag={tag}&sort=newest", limit: 4));
        Assert.Equal(t.Select(x => x.Id).Reverse(), await ListAllAsync(client, $"/api/tickets?tag={tag}", limit: 4));
    }

    [Fact]
    public async Task A_bad_sort_or_a_cursor_of_the_other_order_is_refused_naming_the_field()
    {
        var tag = $"sla-{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 3; i++)
            await client.CreateTicketAsync(tags: [tag]);
        var byDue = await client.GetFromJsonAsync<Page<TicketResponse>>($"/api/tickets?tag={tag}&sort=sla_due&limit=1", TicketApp.Json);
        var newest = await client.GetFromJsonAsync<Page<TicketResponse>>($"/api/tickets?tag={tag}&limit=1", TicketApp.Json);

        foreach (var (url, field) in new[]
        {
            ($"/api/tickets?sort=due", "sort"),
            ($"/api/tickets?sort=sla_due&cursor={newest!.NextCursor}", "cursor"),
            ($"/api/tickets?cursor={byDue!.NextCursor}", "cursor"),
            ($"/api/tickets?sort=sla_due&cursor=dDE6eDox", "cursor"), // "t1:x:1"
            ($"/api/tickets?sort=sla_due&cursor=dDE6MzE1NTM3ODk3NjAwMDAwMDAwMDox", "cursor"), // ticks past the last date
            ($"/api/tickets?sort=sla_due&limit=0", "limit"),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], await response.ProblemFieldsAsync());
        }
    }

    [Fact]
    public async Task The_due_time_is_kept_and_sorted_on_SQLite_too()
    {
        await using var sqlite = new TicketApp(sqlite: true);
        await sqlite.InitializeAsync();
        var local = sqlite.Client();
        var t = new List<TicketResponse>();
        for (var i = 0; i < 4; i++)
            t.Add(await local.CreateTicketAsync());
        var bus = sqlite.Services.GetRequiredService<IBus>();
        await bus.Publish(new SlaDueChanged(t[0].Id, Monday.AddDays(2), Monday));
        await bus.Publish(new SlaDueChanged(t[2].Id, Monday.AddHours(-5), Monday)); // overdue: first
        await bus.Publish(new SlaDueChanged(t[2].Id, Monday.AddDays(9), Monday.AddMinutes(-1))); // older: dropped
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await GetAsync(local, t[0].Id)).SlaDueAt is null || (await GetAsync(local, t[2].Id)).SlaDueAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The due times were not kept within 30 s.");
            await Task.Delay(100);
        }
        await Task.Delay(500);

        Assert.Equal(Monday.AddHours(-5), (await GetAsync(local, t[2].Id)).SlaDueAt);
        Assert.Equal([t[2].Id, t[0].Id, t[3].Id, t[1].Id], await ListAllAsync(local, "/api/tickets?sort=sla_due", limit: 1));
    }

    private async Task<Guid> PublishAndWaitAsync(SlaDueChanged message)
    {
        var messageId = NewId.NextGuid();
        await events.PublishAsync(message, messageId);
        await WaitUntilHandledAsync(messageId);
        return messageId;
    }

    private Task<TicketResponse> GetAsync(int id) => GetAsync(client, id);

    private static async Task<TicketResponse> GetAsync(HttpClient http, int id) =>
        (await http.GetFromJsonAsync<TicketResponse>($"/api/tickets/{id}", TicketApp.Json))!;

    private static async Task<List<int>> ListAllAsync(HttpClient http, string url, int limit)
    {
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = (await http.GetFromJsonAsync<Page<TicketResponse>>($"{url}&limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}", TicketApp.Json))!;
            Assert.True(page.Items.Count <= limit);
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        } while (cursor is not null && ids.Count < 1000);
        return ids;
    }

    /// <summary>Waits until the service's inbox holds the message: it was consumed, whatever it changed.</summary>
    private async Task WaitUntilHandledAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'") < 1)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Message {messageId} was not handled within 30 s.");
            await Task.Delay(100);
        }
    }
}
