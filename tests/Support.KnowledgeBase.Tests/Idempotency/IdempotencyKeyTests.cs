using System.Net;
using System.Net.Http.Json;
using Support.Contracts.KnowledgeBase;
using Support.Hosting.Idempotency;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Idempotency;

/// <summary>Idempotency-Key on the knowledge base's creates, on PostgreSQL and RabbitMQ and on SQLite (the standalone mode).</summary>
public sealed class IdempotencyKeyTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private readonly KnowledgeBaseApp app = fixture.App;

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return client.SendAsync(request);
    }

    private static async Task<(HttpResponseMessage First, HttpResponseMessage Repeat)> CreateArticleTwiceAsync(KnowledgeBaseApp app, string title)
    {
        var client = app.Client("agent:7");
        var key = Guid.NewGuid().ToString();
        var body = new { title, body = $"Steps for {title}.", locale = "en", status = "published" };
        return (await PostAsync(client, "/api/kb/articles", body, key), await PostAsync(client, "/api/kb/articles", body, key));
    }

    private static async Task AssertSameAnswerAsync(HttpResponseMessage first, HttpResponseMessage repeat)
    {
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.True(repeat.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
    }

    [Fact]
    public async Task A_repeated_article_create_returns_the_first_answer_with_one_row_and_one_event()
    {
        var title = Unique("Reset a password");
        var (first, repeat) = await CreateArticleTwiceAsync(app, title);

        await AssertSameAnswerAsync(first, repeat);
        var article = await first.ReadAsync<ArticleResponse>();
        Assert.Equal(1, await app.CountAsync($"articles WHERE \"Title\" = '{title}'"));
        Assert.Single(await app.Events!.WaitForAsync<ArticlePublished>(e => e.ArticleId == article.Id));
    }

    [Fact]
    public async Task A_repeated_vote_counts_once_and_another_vote_with_the_same_key_is_422()
    {
        var article = await app.Client("agent:7").CreateArticleAsync(Unique("Export data"), "Use the export button.");
        var reader = app.Client("customer:42");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(reader, $"/api/kb/articles/{article.Id}/votes", new { helpful = true }, key);
        var repeat = await PostAsync(reader, $"/api/kb/articles/{article.Id}/votes", new { helpful = true }, key);
        var other = await PostAsync(reader, $"/api/kb/articles/{article.Id}/votes", new { helpful = false }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal([IdempotencyMiddleware.HeaderName], await other.ProblemFieldsAsync());
        var votes = await reader.GetFromJsonAsync<ArticleResponse>($"/api/kb/articles/{article.Id}", KnowledgeBaseApp.Json);
        Assert.Equal((1, 0), (votes!.HelpfulVotes, votes.NotHelpfulVotes));
        Assert.Single(await app.Events!.WaitForAsync<ArticleFeedbackGiven>(e => e.ArticleId == article.Id));
    }

    [Fact]
    public async Task On_SQLite_a_repeated_article_create_returns_the_first_answer_and_creates_one_row()
    {
        await using var sqlite = await KnowledgeBaseApp.StartAsync(sqlite: true);
        var title = Unique("Rotate keys");

        var (first, repeat) = await CreateArticleTwiceAsync(sqlite, title);

        await AssertSameAnswerAsync(first, repeat);
        Assert.Equal(1, await sqlite.CountAsync($"articles WHERE \"Title\" = '{title}'"));
        Assert.Equal(1, await sqlite.CountAsync("idempotency_keys WHERE \"StatusCode\" = 201 AND \"ResourceCommitted\""));
    }
}
