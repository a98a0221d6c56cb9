using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.Contracts;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Tickets;
using Support.KnowledgeBase.Suggestions;
using Support.KnowledgeBase.Tests.Answers;
using Support.KnowledgeBase.Tests.Infrastructure;
using Support.KnowledgeBase.Tests.Search;

namespace Support.KnowledgeBase.Tests.Suggestions;

/// <summary>
/// A TicketCreated on RabbitMQ gets an ArticlesSuggested for its ticket: the published articles most likely to answer
/// it, best first. On the <see cref="HelpCenter"/> articles; tests that change articles use words of their own.
/// </summary>
public sealed class SuggestionTests(HelpCenterApp fixture) : IClassFixture<HelpCenterApp>
{
    private static int nextTicketId = Random.Shared.Next(100_000, 900_000);

    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient agent = fixture.App.Client("agent:1");
    private KnowledgeBaseOptions Options => app.Services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;

    private static int NewTicketId() => Interlocked.Increment(ref nextTicketId);

    private static TicketCreated Created(int ticketId, string subject, string description) =>
        new(ticketId, subject, description, "new", "normal", true, null, "web", 1, "ann@example.com", "Ann", null, [],
            new Actor("customer", "1"), DateTimeOffset.UtcNow);

    /// <summary>Publishes a new ticket and returns the one suggestion made for it.</summary>
    private async Task<ArticlesSuggested> SuggestedForAsync(string subject, string description)
    {
        var ticketId = NewTicketId();
        await app.PublishAsync(Created(ticketId, subject, description));
        return Assert.Single(await app.Events!.WaitForAsync<ArticlesSuggested>(s => s.TicketId == ticketId));
    }

    private async Task SetStatusAsync(int id, string status) =>
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{id}", new { status })).StatusCode);

    [Theory]
    [InlineData("Refund request", "I would like to request a refund for my last order, it arrived broken.", "refund", "en")]
    [InlineData("Forgot password", "I can't sign in, I forgot my password and the reset email never arrived.", "reset-password", "en")]
    [InlineData("Cancel subscription", "Please cancel my subscription at the end of this billing period.", "cancel-subscription", "en")]
    [InlineData("申请退款", "我的订单想申请退款，请问怎么操作？", "zh-refund", "zh-CN")]
    [InlineData("忘记密码", "忘记密码了，登录不了，短信验证码也收不到。", "zh-password", "zh-CN")]
    public async Task A_new_ticket_gets_the_article_that_answers_it_suggested_first(string subject, string description, string expected, string locale)
    {
        var suggested = await SuggestedForAsync(subject, description);

        Assert.NotEmpty(suggested.Articles);
        Assert.Equal(fixture.Ids[expected], suggested.Articles[0].ArticleId);
        Assert.Equal((HelpCenter.Of(expected).Title, locale), (suggested.Articles[0].Title, suggested.Articles[0].Locale));
        Assert.InRange(suggested.Articles.Count, 1, TicketCreatedConsumer.MaxSuggestions);
        Assert.All(suggested.Articles, a => Assert.Equal(locale, a.Locale));
        Assert.All(suggested.Articles, a => Assert.InRange(a.Confidence, Options.SuggestionMinConfidence, 1));
        Assert.Equal(suggested.Articles.Select(a => a.Confidence).OrderDescending(), suggested.Articles.Select(a => a.Confidence));
        Assert.Equal(suggested.Articles.Count, suggested.Articles.Select(a => a.ArticleId).Distinct().Count());
    }

    [Theory]
    [InlineData("Hello", "Do you sell gift cards for the holidays?")]
    [InlineData("qwxzv", "plorf blenk")]
    [InlineData("招聘", "你们公司招聘实习生吗？")]
    public async Task A_ticket_nothing_answers_gets_an_empty_suggestion(string subject, string description)
    {
        var suggested = await SuggestedForAsync(subject, description);
        Assert.Empty(suggested.Articles);
    }

    [Fact]
    public async Task At_most_three_articles_are_suggested()
    {
        var word = TestText.Unique();
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
            ids.Add((await agent.CreateArticleAsync($"Pairing the {word} headset, part {i + 1}", $"Pair the {word} headset over Bluetooth.")).Id);

        var suggested = await SuggestedForAsync($"{word} headset", $"How do I pair my {word} headset over Bluetooth?");

        Assert.Equal(TicketCreatedConsumer.MaxSuggestions, suggested.Articles.Count);
        Assert.All(suggested.Articles, a => Assert.Contains(a.ArticleId, ids));
    }

    [Fact]
    public async Task A_draft_is_never_suggested_until_published()
    {
        var word = TestText.Unique();
        var draft = await agent.CreateArticleAsync($"Descale the {word} coffee machine", $"Run the {word} descaling program once a month.", status: "draft");
        const string subject = "Coffee machine descaling";
        var description = $"How do I descale my {word} coffee machine?";

        Assert.DoesNotContain(draft.Id, (await SuggestedForAsync(subject, description)).Articles.Select(a => a.ArticleId));

        await SetStatusAsync(draft.Id, "published");
        Assert.Equal(draft.Id, (await SuggestedForAsync(subject, description)).Articles[0].ArticleId);
    }

    [Fact]
    public async Task An_archived_article_is_no_longer_suggested()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Refill the {word} printer", $"Open the {word} printer lid and insert the cartridge.");
        const string subject = "Printer cartridge";
        var description = $"How do I refill the {word} printer cartridge?";
        Assert.Equal(article.Id, (await SuggestedForAsync(subject, description)).Articles[0].ArticleId);

        await SetStatusAsync(article.Id, "archived");

        Assert.DoesNotContain(article.Id, (await SuggestedForAsync(subject, description)).Articles.Select(a => a.ArticleId));
    }

    [Fact]
    public async Task The_same_TicketCreated_delivered_twice_gets_one_suggestion()
    {
        var ticketId = NewTicketId();
        var messageId = Guid.NewGuid();
        var ticket = Created(ticketId, "Refund request", "I would like to request a refund for my order.");

        await app.PublishAsync(ticket, messageId);
        await app.PublishAsync(ticket, messageId);
        Assert.Single(await app.Events!.WaitForAsync<ArticlesSuggested>(s => s.TicketId == ticketId));

        // A later ticket's suggestion arriving shows the consumer got past the duplicate; then a moment more for any stray event.
        var later = await SuggestedForAsync("Forgot password", "I forgot my password.");
        Assert.NotEmpty(later.Articles);
        await Task.Delay(1000);
        Assert.Single(app.Events.All<ArticlesSuggested>(s => s.TicketId == ticketId));
        Assert.Equal(1, await app.CountAsync($"outbox_messages WHERE \"Aggregate\" = 'ticket/{ticketId}'"));
        Assert.Equal(1, await app.CountAsync($"inbox_messages WHERE \"MessageId\" = '{messageId}'"));
    }
}
