using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Data;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Tickets;

/// <summary>
/// The knowledge base's ArticlesSuggested shows on the ticket as suggestedArticles: the newest suggestion wins, a
/// redelivery applies once, and nothing about it is an edit (no audit, no event, the same ETag).
/// </summary>
[Collection(TicketAppCollection.Name)]
public class SuggestedArticlesTests(TicketApp app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() => events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    [Fact]
    public async Task Suggestions_for_a_ticket_show_on_it_best_first_without_being_an_edit()
    {
        var ticket = await client.CreateTicketAsync();
        var messageId = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (12, "Resetting your password", "en", 0.64), (7, "重置密码", "zh-CN", 0.91)), messageId);
        await WaitUntilHandledAsync(messageId);

        var (current, etag) = await GetTicketAsync(ticket.Id);
        Assert.Equal(
            [new SuggestedArticleView(7, "重置密码", "zh-CN", 0.91), new SuggestedArticleView(12, "Resetting your password", "en", 0.64)],
            current.SuggestedArticles);
        Assert.Equal("\"0\"", etag);
        Assert.Equal(ticket.UpdatedAt, current.UpdatedAt);
        Assert.Equal(["ticket"], (await AuditAsync(ticket.Id)).Select(a => a.Field));

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket.Id}");
        var first = json.GetProperty("suggestedArticles")[0];
        Assert.Equal((7, "重置密码", "zh-CN", 0.91),
            (first.GetProperty("articleId").GetInt32(), first.GetProperty("title").GetString(), first.GetProperty("locale").GetString(), first.GetProperty("confidence").GetDouble()));

        // The ETag still matches: an agent's edit made before the suggestions is not refused because of them.
        var patch = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { priority = "high" }, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var patched = await patch.ReadAsync<TicketResponse>();
        Assert.Equal([7, 12], patched.SuggestedArticles.Select(a => a.ArticleId));
        await events.WaitForAsync<TicketUpdated>(e => e.TicketId == ticket.Id);
        await Task.Delay(500);
        Assert.Equal(["priority"], events.All<TicketUpdated>(e => e.TicketId == ticket.Id).SelectMany(u => u.Changes).Select(c => c.Field));
    }

    [Fact]
    public async Task A_ticket_without_suggestions_shows_an_empty_list()
    {
        var ticket = await client.CreateTicketAsync();
        Assert.Empty(ticket.SuggestedArticles);

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket.Id}");
        Assert.Equal(JsonValueKind.Array, json.GetProperty("suggestedArticles").ValueKind);
        Assert.Equal(0, json.GetProperty("suggestedArticles").GetArrayLength());
    }

    [Fact]
    public async Task A_ticket_from_before_suggestions_existed_shows_an_empty_list()
    {
        var ticket = await client.CreateTicketAsync();
        await ExecuteAsync($"UPDATE tickets SET \"SuggestedArticles\" = NULL, \"ArticlesSuggestedAt\" = NULL WHERE \"Id\" = {ticket.Id}");

        var (current, _) = await GetTicketAsync(ticket.Id);
        Assert.Empty(current.SuggestedArticles);

        var messageId = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (3, "Two-factor sign-in", "en", 0.7)), messageId);
        await WaitUntilHandledAsync(messageId);
        Assert.Equal([3], (await GetTicketAsync(ticket.Id)).Ticket.SuggestedArticles.Select(a => a.ArticleId));
    }

    [Fact]
    public async Task Older_suggestions_arriving_after_newer_ones_do_not_replace_them()
    {
        var ticket = await client.CreateTicketAsync();
        var newer = NewId.NextGuid();
        var older = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (2, "Newer", "en", 0.8)), newer);
        await WaitUntilHandledAsync(newer);
        await PublishAsync(Suggested(ticket.Id, Monday.AddMinutes(-1), (1, "Older", "en", 0.9)), older);
        await WaitUntilHandledAsync(older);

        Assert.Equal(["Newer"], (await GetTicketAsync(ticket.Id)).Ticket.SuggestedArticles.Select(a => a.Title));

        // Suggestions made later, even none at all, replace them.
        var none = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday.AddMinutes(5)), none);
        await WaitUntilHandledAsync(none);
        var (current, etag) = await GetTicketAsync(ticket.Id);
        Assert.Empty(current.SuggestedArticles);
        Assert.Equal("\"0\"", etag);
    }

    [Fact]
    public async Task A_redelivered_suggestion_is_applied_once()
    {
        var ticket = await client.CreateTicketAsync();
        var first = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (1, "First", "en", 0.9)), first, times: 2);
        await WaitUntilHandledAsync(first);

        // Made at the same moment, a republication replaces the first; the first one's redelivery must not come back.
        var second = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (2, "Second", "en", 0.9)), second);
        await WaitUntilHandledAsync(second);
        await PublishAsync(Suggested(ticket.Id, Monday, (1, "First", "en", 0.9)), first);
        await Task.Delay(1000);

        Assert.Equal(["Second"], (await GetTicketAsync(ticket.Id)).Ticket.SuggestedArticles.Select(a => a.Title));
        Assert.Equal(1, await app.CountRowsAsync($"inbox_messages WHERE \"MessageId\" = '{first}'"));
    }

    [Fact]
    public async Task Suggestions_for_an_unknown_ticket_are_ignored_and_later_ones_still_apply()
    {
        var unknown = NewId.NextGuid();
        await PublishAsync(Suggested(int.MaxValue, Monday, (1, "Nobody asked", "en", 0.5)), unknown);
        var ticket = await client.CreateTicketAsync();
        var later = NewId.NextGuid();
        await PublishAsync(Suggested(ticket.Id, Monday, (4, "Still applied", "en", 0.6)), later);

        await WaitUntilHandledAsync(unknown);
        await WaitUntilHandledAsync(later);
        Assert.Equal(["Still applied"], (await GetTicketAsync(ticket.Id)).Ticket.SuggestedArticles.Select(a => a.Title));
        Assert.Equal(0, await app.CountRowsAsync("tickets WHERE \"Id\" = 2147483647"));
        Assert.Equal(0, await ErrorQueueDepthAsync("ticket-articles-suggested_error"));
    }

    [Fact]
    public async Task Suggestions_are_stored_and_kept_newest_on_SQLite_too()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ticket-suggestions-{Guid.NewGuid():N}.db");
        TicketDbContext Context() => new(new DbContextOptionsBuilder<TicketDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);
        try
        {
            int id;
            await using (var db = Context())
            {
                await db.Database.EnsureCreatedAsync();
                var ticket = new Support.Ticket.Tickets.Ticket
                {
                    Subject = "Cannot log in", Description = "x", CreatedAt = Monday, UpdatedAt = Monday,
                    Requester = new Support.Ticket.Customers.Customer { Email = Api.NewEmail(), Name = "Ann", CreatedAt = Monday, UpdatedAt = Monday },
                };
                db.Tickets.Add(ticket);
                await db.SaveChangesAsync();
                id = ticket.Id;
            }
            await using (var db = Context())
            {
                var ticket = await db.Tickets.SingleAsync(t => t.Id == id);
                Assert.Empty(ticket.SuggestedArticles);
                Assert.True(ticket.SuggestArticles([Article(1, 0.4), Article(2, 0.8)], Monday));
                await db.SaveChangesAsync();
            }
            await using (var db = Context())
            {
                var ticket = await db.Tickets.SingleAsync(t => t.Id == id);
                Assert.Equal([2, 1], ticket.SuggestedArticles.Select(a => a.ArticleId));
                Assert.Equal((Monday, 0), (ticket.ArticlesSuggestedAt, ticket.Version));
                Assert.False(ticket.SuggestArticles([Article(3, 0.9)], Monday.AddSeconds(-1)));

                // Another writer kept newer suggestions meanwhile: this one's save is refused, to be retried.
                await using (var other = Context())
                {
                    var same = await other.Tickets.SingleAsync(t => t.Id == id);
                    same.SuggestArticles([Article(5, 0.5)], Monday.AddMinutes(2));
                    await other.SaveChangesAsync();
                }
                Assert.True(ticket.SuggestArticles([Article(4, 0.9)], Monday.AddMinutes(1)));
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            }
            await using (var db = Context())
                Assert.Equal([5], (await db.Tickets.SingleAsync(t => t.Id == id)).SuggestedArticles.Select(a => a.ArticleId));
        }
        finally
        {
            File.Delete(file);
        }

        static ArticleSuggestion Article(int id, double confidence) => new() { ArticleId = id, Title = $"Article {id}", Locale = "en", Confidence = confidence };
    }

    private static ArticlesSuggested Suggested(int ticketId, DateTimeOffset at, params (int Id, string Title, string Locale, double Confidence)[] articles) =>
        new(ticketId, articles.Select(a => new SuggestedArticle(a.Id, a.Title, a.Locale, a.Confidence)).ToList(), at);

    private async Task<(TicketResponse Ticket, string? ETag)> GetTicketAsync(int id)
    {
        var response = await client.GetAsync($"/api/tickets/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<TicketResponse>(), response.Headers.ETag?.Tag);
    }

    private async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(int id) =>
        (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{id}/audit", TicketApp.Json))!.Items;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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

    /// <summary>Publishes as the KnowledgeBase service would, the same message (one MessageId) <paramref name="times"/> times.</summary>
    private async Task PublishAsync<T>(T message, Guid messageId, int times = 1) where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(app.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            for (var i = 0; i < times; i++)
                await bus.Publish(message, context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<int> ErrorQueueDepthAsync(string queue)
    {
        var vhost = Uri.UnescapeDataString(new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/'));
        var queues = await TestServers.RabbitMqCtlAsync("list_queues", "-q", "-p", vhost, "name", "messages");
        var line = queues.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(f => f[0] == queue);
        return line is null ? 0 : int.Parse(line[1]);
    }
}
