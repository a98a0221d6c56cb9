using System.Net;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Search;

/// <summary>The standalone mode's search (SQLite FTS5 kept in step by triggers), on one shared SQLite service.</summary>
public sealed class SqliteSearchTests(SqliteSearchTests.SqliteApp fixture) : IClassFixture<SqliteSearchTests.SqliteApp>
{
    public sealed class SqliteApp : IAsyncLifetime
    {
        public KnowledgeBaseApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await KnowledgeBaseApp.StartAsync(sqlite: true);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient agent = fixture.App.Client("agent:1");
    private readonly HttpClient customer = fixture.App.Client("customer:42");

    private async Task<List<int>> FoundAsync(string q, string? locale = null, int? category = null) =>
        (await customer.SearchAsync(q, locale, category)).Items.Select(i => i.Id).ToList();

    private async Task SetStatusAsync(int id, string status) =>
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{id}", new { status })).StatusCode);

    [Fact]
    public void The_app_runs_on_SQLite() => Assert.True(app.Sqlite);

    [Fact]
    public async Task A_draft_is_invisible_until_published_and_archiving_removes_it_at_once()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Rotate {word} keys", $"Rotate the {word} signing key every 90 days.", status: "draft");
        Assert.Empty(await FoundAsync(word));
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { body = $"Rotate the {word} key yearly." })).StatusCode);
        Assert.Empty(await FoundAsync(word)); // an edited draft is still a draft

        await SetStatusAsync(article.Id, "published");
        var hit = Assert.Single((await customer.SearchAsync(word)).Items);
        Assert.Equal(article.Id, hit.Id);
        Assert.Contains($"<mark>{word}</mark>", hit.Snippet);

        await SetStatusAsync(article.Id, "archived");
        Assert.Empty(await FoundAsync(word));

        await SetStatusAsync(article.Id, "published"); // republished: back in the index
        Assert.Equal([article.Id], await FoundAsync(word));
    }

    [Fact]
    public async Task The_term_counts_the_answer_bot_weighs_words_by_follow_publishing_and_archiving()
    {
        var word = TestText.Unique();
        var first = await agent.CreateArticleAsync($"{word} one", $"About {word}.");
        var second = await agent.CreateArticleAsync($"{word} two", $"More about {word}.", status: "draft");
        Assert.Equal(1, await app.CountAsync($"article_search_terms WHERE term = '{word}' AND doc = 1"));

        await SetStatusAsync(second.Id, "published");
        Assert.Equal(1, await app.CountAsync($"article_search_terms WHERE term = '{word}' AND doc = 2"));

        await SetStatusAsync(first.Id, "archived");
        Assert.Equal(1, await app.CountAsync($"article_search_terms WHERE term = '{word}' AND doc = 1"));
        await SetStatusAsync(second.Id, "archived");
        Assert.Equal(0, await app.CountAsync($"article_search_terms WHERE term = '{word}' AND doc > 0"));
    }

    [Fact]
    public async Task An_article_published_when_created_is_found_at_once()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"{word} limits", $"Each {word} workspace holds 50 projects.");
        Assert.Equal([article.Id], await FoundAsync(word));
    }

    [Fact]
    public async Task An_edit_is_found_by_its_new_words_and_no_longer_by_its_old_ones()
    {
        var (oldTitle, oldBody, newTitle, newBody, tag) = (TestText.Unique(), TestText.Unique(), TestText.Unique(), TestText.Unique(), TestText.Unique());
        var article = await agent.CreateArticleAsync($"Pair the {oldTitle} scanner", $"Hold the {oldBody} button.");

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}",
            new { title = $"Pair the {newTitle} scanner", body = $"Press the {newBody} switch." })).StatusCode);
        Assert.Equal([article.Id], await FoundAsync(newTitle));
        Assert.Equal([article.Id], await FoundAsync(newBody));
        Assert.Empty(await FoundAsync(oldTitle));
        Assert.Empty(await FoundAsync(oldBody));

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { tags = new[] { tag } })).StatusCode);
        Assert.Equal([article.Id], await FoundAsync(tag)); // tags are indexed too
        Assert.Equal([article.Id], await FoundAsync(newBody));
    }

    [Fact]
    public async Task Chinese_is_found_by_pairs_of_characters_and_by_one_character()
    {
        var article = await agent.CreateArticleAsync("如何修改收货地址", "订单发货前，可以在订单详情页修改收货地址。发货后请联系快递员。", "zh-CN");

        Assert.Contains(article.Id, await FoundAsync("收货地址"));
        Assert.Contains(article.Id, await FoundAsync("地"));
        Assert.Contains(article.Id, await FoundAsync("我想改一下收货地址"));
        var hit = (await customer.SearchAsync("修改收货地址", "zh-CN")).Items.First();
        Assert.Equal(article.Id, hit.Id);
        Assert.Contains("<mark>修改收货地址</mark>", hit.Snippet);
        Assert.DoesNotContain(article.Id, await FoundAsync("鹦鹉螺"));
        Assert.DoesNotContain(article.Id, await FoundAsync("址地"));
        Assert.DoesNotContain(article.Id, await FoundAsync("收货地址", "en"));
    }

    [Fact]
    public async Task English_is_stemmed_and_stop_words_find_nothing()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Cancel a {word} subscription", "Subscriptions can be cancelled from Billing. A cancelled subscription stays active until the period ends.");

        foreach (var q in new[] { "subscriptions", "SUBSCRIPTION", "cancelling", "cancels" })
            Assert.Contains(article.Id, await FoundAsync(q));
        Assert.Empty(await FoundAsync("the"));
        Assert.Empty(await FoundAsync("how"));
        Assert.Equal([article.Id], await FoundAsync($"how to the {word}"));
    }

    [Theory]
    [InlineData("pasword")]
    [InlineData("subscripton")]
    [InlineData("invoce")]
    public async Task Small_misspellings_are_corrected_to_a_word_an_article_holds(string misspelt)
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Billing {word} basics",
            $"Change your password under Security. Your subscription renews monthly and each invoice is emailed to the {word} owner.");

        var hits = (await customer.SearchAsync(misspelt)).Items;
        Assert.Contains(article.Id, hits.Select(h => h.Id));
        Assert.Matches("<mark>(password|subscription|invoice)</mark>", hits.First(h => h.Id == article.Id).Snippet);
        Assert.Empty(await FoundAsync("xylophone"));
    }

    [Fact]
    public async Task A_correctly_spelt_form_of_an_indexed_word_is_not_corrected_to_another_word()
    {
        var word = TestText.Unique();
        var connection = await agent.CreateArticleAsync($"Troubleshoot a dropped {word} connection", "If the connection drops, restart the router.");
        var connector = await agent.CreateArticleAsync($"Replace a worn {word} connector", "A damaged connector must be replaced.");

        Assert.Equal([connection.Id], await FoundAsync("connected"));
        Assert.Equal([connector.Id], await FoundAsync("connectors"));
    }

    [Fact]
    public async Task The_locale_and_category_filters_apply()
    {
        var word = TestText.Unique();
        var parent = await agent.CreateCategoryAsync($"Shipping {word}");
        var section = await agent.CreateCategoryAsync($"Returns {word}", parent.Id);
        var other = await agent.CreateCategoryAsync($"Account {word}");
        var inParent = await agent.CreateArticleAsync($"{word} couriers", $"We ship {word} parcels daily.", categoryId: parent.Id);
        var inSection = await agent.CreateArticleAsync($"{word} return labels", $"Print the {word} label.", categoryId: section.Id);
        var elsewhere = await agent.CreateArticleAsync($"{word} 账户", $"{word} 账户设置。", "zh-CN", categoryId: other.Id);

        Assert.Equal([inParent.Id, inSection.Id, elsewhere.Id], (await FoundAsync(word)).Order());
        Assert.Equal([inParent.Id, inSection.Id], (await FoundAsync(word, category: parent.Id)).Order());
        Assert.Equal([inSection.Id], await FoundAsync(word, category: section.Id));
        Assert.Equal([elsewhere.Id], await FoundAsync(word, "zh-CN"));
        Assert.Equal([inParent.Id, inSection.Id], (await FoundAsync(word, "en")).Order());
        Assert.Empty(await FoundAsync(word, "zh-CN", parent.Id));
    }

    [Fact]
    public async Task A_title_match_outranks_a_body_only_mention_and_the_snippet_is_escaped()
    {
        var word = TestText.Unique();
        var inBody = await agent.CreateArticleAsync("Keyboard shortcuts", $"Never paste <script>alert('{word}')</script> anywhere. The {word} view has shortcuts.");
        var inTitle = await agent.CreateArticleAsync($"Using the {word} view", "Open it from the sidebar.");

        var hits = (await customer.SearchAsync(word)).Items;

        Assert.Equal([inTitle.Id, inBody.Id], hits.Select(h => h.Id));
        Assert.True(hits[0].Rank > hits[1].Rank);
        Assert.Contains("&lt;script&gt;", hits[1].Snippet);
        Assert.DoesNotContain("<script", hits[1].Snippet);
        Assert.Contains($"<mark>{word}</mark>", hits[1].Snippet);
    }

    [Fact]
    public async Task Query_syntax_in_the_text_is_only_punctuation()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Stores near {word}", $"Find {word} stores near you.");

        Assert.Equal([article.Id], await FoundAsync($"{word}* AND \"{word}\" OR NOT ^{word}:"));
        Assert.Contains(article.Id, await FoundAsync("NEAR"));
        Assert.Contains(article.Id, await FoundAsync($"title:{word}"));
        foreach (var q in new[] { "\"", "*", "AND OR NOT", "(", "''; DROP TABLE articles; --" })
            Assert.DoesNotContain(article.Id, await FoundAsync(q));
    }

    [Fact]
    public async Task The_answer_bot_answers_and_archiving_takes_the_article_out_of_its_answers()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Reset the {word} router", $"To reset the {word} router hold the reset button for ten seconds.");

        var answer = await customer.AskAsync($"How do I reset my {word} router?");
        Assert.Equal(article.Id, answer.Articles[0].Id);
        Assert.False(answer.Handoff);
        Assert.Equal("en", answer.Locale);

        await SetStatusAsync(article.Id, "archived");
        var after = await customer.AskAsync($"How do I reset my {word} router?");
        Assert.DoesNotContain(article.Id, after.Articles.Select(a => a.Id));
        Assert.True(after.Handoff);
    }
}
