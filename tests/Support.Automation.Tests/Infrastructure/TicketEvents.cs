using System.Net.Http.Json;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Automation.Tests.Infrastructure;

/// <summary>Ticket events as the Ticket service publishes them, and waits until the service's copy has them.</summary>
public static class TicketEvents
{
    public static readonly Actor Agent = new("agent", "7"), Customer = new("customer", "42");

    /// <summary>A tag of a test's own: its rules name it, so they act on its tickets alone.</summary>
    public static string Scope() => $"t-{Guid.NewGuid():N}"[..14];

    /// <summary>A ticket id no other test uses.</summary>
    public static int NewTicketId() => Random.Shared.Next(100_000, int.MaxValue);

    public static async Task<TicketCreated> CreateAsync(
        AutomationApp app, string[] tags, DateTimeOffset? at = null, string subject = "Cannot log in", int? ticketId = null, string priority = "normal")
    {
        var id = ticketId ?? NewTicketId();
        var created = new TicketCreated(id, subject, "It does not work.", "new", priority, false, null, "email", id, $"c{id}@example.com", "Ann",
            null, tags, new Actor("customer", id.ToString()), at ?? DateTimeOffset.UtcNow);
        await app.Events.PublishAsync(created, Guid.NewGuid());
        await UntilAsync(app, $"tickets WHERE \"Id\" = {id}");
        return created;
    }

    public static async Task UpdateAsync(AutomationApp app, int ticketId, FieldChange change, Actor? actor = null, DateTimeOffset? at = null)
    {
        await app.Events.PublishAsync(new TicketUpdated(ticketId, [change], actor ?? Agent, at ?? DateTimeOffset.UtcNow), Guid.NewGuid());
        if (change.Field == "status")
            await UntilAsync(app, $"tickets WHERE \"Id\" = {ticketId} AND \"Status\" = '{change.NewValue}'");
    }

    public static Task CommentAsync(AutomationApp app, int ticketId, Actor author, bool isPublic = true, DateTimeOffset? at = null) =>
        app.Events.PublishAsync(new TicketCommentAdded(ticketId, Random.Shared.NextInt64(1, long.MaxValue), "Hello", isPublic, author, false, at ?? DateTimeOffset.UtcNow), Guid.NewGuid());

    /// <summary>Waits until the query counts a row: the service consumed what the test published.</summary>
    public static async Task UntilAsync(AutomationApp app, string sqlFromWhere)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync(sqlFromWhere) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing in {sqlFromWhere} within 30 s.");
            await Task.Delay(50);
        }
    }

    public static async Task<T> ReadOkAsync<T>(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options))!;
    }
}
