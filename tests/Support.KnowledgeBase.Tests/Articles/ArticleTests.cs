using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Support.Contracts;
using Support.Contracts.KnowledgeBase;
using Support.Hosting.Http;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Articles;

/// <summary>
/// Articles on one shared KnowledgeBase service (PostgreSQL, RabbitMQ): create, read, list, merge-patch with If-Match,
/// versions, status transitions and their events, what customers may see, Markdown rendering, views and votes.
/// Tests that list articles file theirs under a category of their own, so other tests' articles do not interfere.
/// </summary>
public sealed class ArticleTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient agent = fixture.App.Client("agent:7");
    private readonly HttpClient customer = fixture.App.Client("customer:42");

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    // ---------------------------------------------------------------- create, read

    [Fact]
    public async Task A_new_article_is_created_with_201_Location_and_ETag_and_reads_back_the_same()
    {
        var category = await agent.CreateCategoryAsync(Unique("Accounts"));
        var response = await agent.PostAsJsonAsync("/api/kb/articles", new
        {
            title = "  Reset your password  ", body = "Open **Settings** and choose *Reset*.", summary = "How to reset a password",
            locale = "EN", status = "published", categoryId = category.Id, tags = new[] { "Password", " login ", "password" }, author = "Ada",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<ArticleResponse>();
        Assert.Equal($"/api/kb/articles/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Reset your password", "en", ArticleStatus.Published, (int?)category.Id, "Ada", 1, 0, 0, 0),
            (created.Title, created.Locale, created.Status, created.CategoryId, created.Author, created.Version, created.ViewCount,
                created.HelpfulVotes, created.NotHelpfulVotes));
        Assert.Equal(["password", "login"], created.Tags);
        Assert.NotNull(created.PublishedAt);
        Assert.Contains("<strong>Settings</strong>", created.BodyHtml);

        var (read, etag) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{created.Id}");
        Assert.Equal("\"1\"", etag);
        Assert.Equal((created.Id, created.Title, created.Body, created.BodyHtml, created.Summary, created.Version, created.PublishedAt),
            (read.Id, read.Title, read.Body, read.BodyHtml, read.Summary, read.Version, read.PublishedAt));
        Assert.Equal(created.Tags, read.Tags);

        var published = await app.Events!.WaitForAsync<ArticlePublished>(e => e.ArticleId == created.Id);
        Assert.Equal((1, "Reset your password", "en", (int?)category.Id, new Actor("agent", "7")),
            (published[0].Version, published[0].Title, published[0].Locale, published[0].CategoryId, published[0].Actor));
        Assert.Single(published);
    }

    [Fact]
    public async Task An_article_without_a_status_is_a_draft_and_its_locale_is_written_canonically()
    {
        var response = await agent.PostAsJsonAsync("/api/kb/articles", new { title = "如何重置密码", body = "打开设置。", locale = "zh-cn" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<ArticleResponse>();
        Assert.Equal((ArticleStatus.Draft, "zh-CN", (DateTimeOffset?)null), (created.Status, created.Locale, created.PublishedAt));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/kb/articles/{created.Id}")).StatusCode);
    }

    // ---------------------------------------------------------------- list

    [Fact]
    public async Task The_list_pages_newest_first_with_a_cursor_without_repeating_or_skipping_an_article()
    {
        var category = await agent.CreateCategoryAsync(Unique("Paged"));
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
            ids.Add((await agent.CreateArticleAsync($"Paged article {i}", "Body.", categoryId: category.Id)).Id);

        var seen = new List<int>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await ArticleCalls.ListAsync(agent, $"categoryId={category.Id}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids.OrderDescending(), seen);
    }

    [Fact]
    public async Task The_list_filters_by_status_locale_and_category_where_a_category_includes_its_sections()
    {
        var category = await agent.CreateCategoryAsync(Unique("Billing"));
        var section = await agent.CreateCategoryAsync(Unique("Invoices"), parentId: category.Id);
        var other = await agent.CreateCategoryAsync(Unique("Shipping"));
        var inCategory = await agent.CreateArticleAsync("Pay by card", "Card.", categoryId: category.Id);
        var inSectionZh = await agent.CreateArticleAsync("下载发票", "发票。", locale: "zh-CN", categoryId: section.Id);
        var draftInSection = await agent.CreateArticleAsync("Invoice drafts", "Draft.", status: "draft", categoryId: section.Id);
        var archived = await agent.CreateArticleAsync("Old invoices", "Old.", categoryId: section.Id);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{archived.Id}", new { status = "archived" })).StatusCode);
        await agent.CreateArticleAsync("Track a parcel", "Parcel.", categoryId: other.Id);

        async Task<int[]> Ids(HttpClient client, string query) => [.. (await ArticleCalls.ListAsync(client, query)).Items.Select(a => a.Id)];

        Assert.Equal([archived.Id, draftInSection.Id, inSectionZh.Id, inCategory.Id], await Ids(agent, $"categoryId={category.Id}"));
        Assert.Equal([archived.Id, draftInSection.Id, inSectionZh.Id], await Ids(agent, $"categoryId={section.Id}"));
        Assert.Equal([draftInSection.Id], await Ids(agent, $"categoryId={category.Id}&status=draft"));
        Assert.Equal([archived.Id], await Ids(agent, $"categoryId={category.Id}&status=ARCHIVED"));
        Assert.Equal([inSectionZh.Id, inCategory.Id], await Ids(agent, $"categoryId={category.Id}&status=published"));
        Assert.Equal([inSectionZh.Id], await Ids(agent, $"categoryId={category.Id}&locale=zh-CN"));
        Assert.Equal([archived.Id, draftInSection.Id, inCategory.Id], await Ids(agent, $"categoryId={category.Id}&locale=en"));

        // Customers see published articles only, whatever they ask for.
        Assert.Equal([inSectionZh.Id, inCategory.Id], await Ids(customer, $"categoryId={category.Id}"));
        Assert.Empty(await Ids(customer, $"categoryId={category.Id}&status=draft"));
        Assert.Empty(await Ids(customer, $"categoryId={category.Id}&status=archived"));
    }

    // ---------------------------------------------------------------- patch, versions

    [Fact]
    public async Task A_merge_patch_changes_only_the_fields_sent_keeps_every_version_and_a_stale_If_Match_gets_412()
    {
        var original = await agent.CreateArticleAsync("Original title", "Version one.", status: "draft", tags: ["one", "two"], summary: "First summary");

        var patch = await agent.PatchJsonAsync($"/api/kb/articles/{original.Id}", new { title = "Second title", summary = (string?)null }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("\"2\"", patch.Headers.ETag?.Tag);
        var second = await patch.ReadAsync<ArticleResponse>();
        Assert.Equal(("Second title", (string?)null, "Version one.", ArticleStatus.Draft, 2), (second.Title, second.Summary, second.Body, second.Status, second.Version));
        Assert.Equal(["one", "two"], second.Tags);

        var third = await agent.PatchJsonAsync($"/api/kb/articles/{original.Id}", new { body = "Version **three**.", tags = new[] { "three" } }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("<strong>three</strong>", (await third.ReadAsync<ArticleResponse>()).BodyHtml);

        var stale = await agent.PatchJsonAsync($"/api/kb/articles/{original.Id}", new { title = "Lost update" }, "\"2\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        var (current, etag) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{original.Id}");
        Assert.Equal(("Second title", "Version **three**.", 3, "\"3\""), (current.Title, current.Body, current.Version, etag));
        Assert.Equal(["three"], current.Tags);

        var (versions, _) = await ArticleCalls.GetAsync<List<ArticleVersionResponse>>(agent, $"/api/kb/articles/{original.Id}/versions");
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal(["Second title", "Second title", "Original title"], versions.Select(v => v.Title));
        Assert.Equal(["Version **three**.", "Version one.", "Version one."], versions.Select(v => v.Body));
        Assert.Equal([null, null, "First summary"], versions.Select(v => v.Summary));
        Assert.All(versions, v => Assert.Equal("agent:7", v.EditedBy));

        var (first, _) = await ArticleCalls.GetAsync<ArticleVersionResponse>(agent, $"/api/kb/articles/{original.Id}/versions/1");
        Assert.Equal(("Original title", "First summary", ArticleStatus.Draft), (first.Title, first.Summary, first.Status));
        Assert.Equal(["one", "two"], first.Tags);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/kb/articles/{original.Id}/versions/4")).StatusCode);
    }

    [Fact]
    public async Task A_patch_with_an_unknown_field_is_refused_and_a_patch_that_changes_nothing_adds_no_version()
    {
        var article = await agent.CreateArticleAsync("Unchanged", "Same body.", status: "draft");

        var unknown = await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { title = "Renamed", viewCount = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["viewCount"], await unknown.ProblemFieldsAsync());

        var same = await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { title = "Unchanged", body = "Same body." }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("\"1\"", same.Headers.ETag?.Tag);

        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{article.Id}");
        Assert.Equal(("Unchanged", 1), (read.Title, read.Version));
        var (versions, _) = await ArticleCalls.GetAsync<List<ArticleVersionResponse>>(agent, $"/api/kb/articles/{article.Id}/versions");
        Assert.Equal([1], versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Of_concurrent_patches_with_the_same_If_Match_exactly_one_wins_and_the_others_get_412()
    {
        var article = await agent.CreateArticleAsync("Contested", "Body.", status: "draft");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { title = $"Contested {i}" }, "\"1\"")));

        var statuses = string.Join(", ", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {(r.IsSuccessStatusCode ? "" : await r.Content.ReadAsStringAsync())}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, statuses);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed) == 9, statuses);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var (versions, _) = await ArticleCalls.GetAsync<List<ArticleVersionResponse>>(agent, $"/api/kb/articles/{article.Id}/versions");
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<ArticleResponse>();
        Assert.Equal(winner.Title, versions[0].Title);
    }

    [Fact]
    public async Task Concurrent_patches_without_If_Match_all_apply_one_after_another_and_each_keeps_a_version()
    {
        var article = await agent.CreateArticleAsync("Busy", "Body.", status: "draft");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { title = $"Busy {i}" })));

        // Each loses at most once to each of the others, re-reads and reapplies: never a 500, nor a change lost.
        var statuses = string.Join(", ", responses.Select(r => (int)r.StatusCode));
        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.OK), statuses);
        var (versions, _) = await ArticleCalls.GetAsync<List<ArticleVersionResponse>>(agent, $"/api/kb/articles/{article.Id}/versions");
        Assert.Equal(Enumerable.Range(1, 11).Reverse(), versions.Select(v => v.Version));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Busy {i}").Order(), versions.Take(10).Select(v => v.Title).Order());
    }

    // ---------------------------------------------------------------- status transitions and events

    [Fact]
    public async Task Publishing_archiving_and_republishing_publish_their_events_with_the_new_version()
    {
        var article = await agent.CreateArticleAsync("Lifecycle", "Body.", status: "draft", tags: ["cycle"]);

        var publish = await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { status = "published" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.NotNull((await publish.ReadAsync<ArticleResponse>()).PublishedAt);
        var published = await app.Events!.WaitForAsync<ArticlePublished>(e => e.ArticleId == article.Id);
        Assert.Equal((2, "Lifecycle", new Actor("agent", "7")), (published[0].Version, published[0].Title, published[0].Actor));
        Assert.Equal(["cycle"], published[0].Tags);

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { title = "Lifecycle v3" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { status = "archived" }, "\"3\"")).StatusCode);
        var archived = await app.Events.WaitForAsync<ArticleArchived>(e => e.ArticleId == article.Id);
        Assert.Equal((4, new Actor("agent", "7")), (archived.Single().Version, archived.Single().Actor));

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { status = "published" }, "\"4\"")).StatusCode);
        var republished = await app.Events.WaitForAsync<ArticlePublished>(e => e.ArticleId == article.Id, count: 2);
        Assert.Equal([2, 5], republished.Select(e => e.Version).Order());
        Assert.Equal("Lifecycle v3", republished.Single(e => e.Version == 5).Title);

        var updated = await app.Events.WaitForAsync<ArticleUpdated>(e => e.ArticleId == article.Id, count: 4);
        Assert.Equal([2, 3, 4, 5], updated.Select(e => e.Version).Order());
        var byVersion = updated.ToDictionary(e => e.Version);
        Assert.Equal(("published", "status"), (byVersion[2].Status, string.Join(',', byVersion[2].ChangedFields)));
        Assert.Equal(("published", "title"), (byVersion[3].Status, string.Join(',', byVersion[3].ChangedFields)));
        Assert.Equal(("archived", "status"), (byVersion[4].Status, string.Join(',', byVersion[4].ChangedFields)));
        Assert.Equal(("published", "Lifecycle v3"), (byVersion[5].Status, byVersion[5].Title));
        // Nothing else was published about this article: one event of each kind per transition.
        Assert.Single(app.Events.All<ArticleArchived>(e => e.ArticleId == article.Id));
    }

    [Fact]
    public async Task An_article_created_as_a_draft_publishes_no_event_until_it_is_published()
    {
        var draft = await agent.CreateArticleAsync("Quiet draft", "Body.", status: "draft");
        var marker = await agent.CreateArticleAsync("Marker", "Body.");

        await app.Events!.WaitForAsync<ArticlePublished>(e => e.ArticleId == marker.Id); // the later one arrived, so would the draft's
        Assert.Empty(app.Events.All<ArticlePublished>(e => e.ArticleId == draft.Id));
        Assert.Empty(app.Events.All<ArticleUpdated>(e => e.ArticleId == draft.Id));
    }

    // ---------------------------------------------------------------- customers' view

    [Fact]
    public async Task Customers_never_see_a_draft_or_an_archived_article_nor_any_article_history()
    {
        var article = await agent.CreateArticleAsync("Hidden until published", "Secret draft.", status: "draft");
        var url = $"/api/kb/articles/{article.Id}";

        async Task AssertHiddenAsync()
        {
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{url}/versions")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{url}/versions/1")).StatusCode);
            Assert.DoesNotContain(article.Id, (await ArticleCalls.ListAsync(customer, "limit=100")).Items.Select(a => a.Id));
            Assert.DoesNotContain(article.Id, (await ArticleCalls.ListAsync(customer, "status=draft&limit=100")).Items.Select(a => a.Id));
        }

        await AssertHiddenAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(url)).StatusCode);
        Assert.Contains(article.Id, (await ArticleCalls.ListAsync(agent, "status=draft&limit=100")).Items.Select(a => a.Id));

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = "published" })).StatusCode);
        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(customer, url);
        Assert.Equal(ArticleStatus.Published, read.Status);
        Assert.Contains(article.Id, (await ArticleCalls.ListAsync(customer, "limit=100")).Items.Select(a => a.Id));
        // Published or not, the editing history is for agents.
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{url}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{url}/versions/2")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = "archived" })).StatusCode);
        await AssertHiddenAsync();
    }

    // ---------------------------------------------------------------- Markdown

    [Fact]
    public async Task The_body_is_rendered_to_HTML_with_raw_HTML_escaped_and_script_links_neutralised()
    {
        const string body = """
            # Reset your password

            Open **Settings**, then *Security*. Visit [our help](https://example.com/help) or [the guide](/guides/reset).

            <script>alert('x')</script>

            <img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a>

            [bad](javascript:alert(3)) [mixed case](JaVaScRiPt:alert(4)) [spaced]( javascript:alert(5) ) [entity](jav&#x61;script:alert(6))
            [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [by reference][r] <javascript:alert(7)> ![image](javascript:alert(8))

            [r]: javascript:alert(9)
            """;

        var article = await agent.CreateArticleAsync("Rendering", body);
        var html = article.BodyHtml;

        Assert.Contains("<h1>Reset your password</h1>", html);
        Assert.Contains("<strong>Settings</strong>", html);
        Assert.Contains("<em>Security</em>", html);
        Assert.Contains("<a href=\"https://example.com/help\">our help</a>", html);
        Assert.Contains("<a href=\"/guides/reset\">the guide</a>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        var urls = Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(11, urls.Count);
        Assert.All(urls, url => Assert.Matches("^(https://example\\.com/help|/guides/reset|#)$", url));
        Assert.Equal(9, urls.Count(u => u == "#"));

        // The Markdown is kept as written; GET renders the same.
        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{article.Id}");
        Assert.Equal((body, html), (read.Body, read.BodyHtml));
    }

    // ---------------------------------------------------------------- views and votes

    [Fact]
    public async Task Concurrent_customer_reads_count_one_view_each_and_agents_reads_count_none()
    {
        var article = await agent.CreateArticleAsync("Popular", "Read me.");
        var draft = await agent.CreateArticleAsync("Unread draft", "Draft.", status: "draft");
        var url = $"/api/kb/articles/{article.Id}";

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.Client($"customer:{1000 + i}").GetAsync(url))
            .Concat(Enumerable.Range(0, 5).Select(_ => agent.GetAsync(url))));
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, url);
        Assert.Equal(20, read.ViewCount);
        var (one, _) = await ArticleCalls.GetAsync<ArticleResponse>(customer, url);
        Assert.Equal(21, one.ViewCount);

        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/kb/articles/{draft.Id}")).StatusCode);
        Assert.Equal(0, (await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{draft.Id}")).Body.ViewCount);
    }

    [Fact]
    public async Task Concurrent_votes_give_exact_totals_and_one_feedback_event_each()
    {
        var article = await agent.CreateArticleAsync("Was this helpful?", "Vote below.");
        const int helpful = 14, notHelpful = 10;

        var votes = await Task.WhenAll(Enumerable.Range(0, helpful + notHelpful).Select(i =>
            app.Client($"customer:{2000 + i}").PostAsJsonAsync($"/api/kb/articles/{article.Id}/votes", new { helpful = i % 12 < 7 })));

        Assert.All(votes, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        var answers = await Task.WhenAll(votes.Select(v => v.ReadAsync<VoteResponse>()));
        Assert.Equal(Enumerable.Range(1, helpful + notHelpful), answers.Select(a => a.HelpfulVotes + a.NotHelpfulVotes).Order());
        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{article.Id}");
        Assert.Equal((helpful, notHelpful), (read.HelpfulVotes, read.NotHelpfulVotes));

        var events = await app.Events!.WaitForAsync<ArticleFeedbackGiven>(e => e.ArticleId == article.Id, count: helpful + notHelpful);
        Assert.Equal(helpful + notHelpful, events.Count);
        Assert.Equal(helpful, events.Count(e => e.Helpful));
        Assert.Equal(Enumerable.Range(1, helpful + notHelpful), events.Select(e => e.HelpfulVotes + e.NotHelpfulVotes).Order());
        var last = events.MaxBy(e => e.HelpfulVotes + e.NotHelpfulVotes)!;
        Assert.Equal((helpful, notHelpful), (last.HelpfulVotes, last.NotHelpfulVotes));
    }

    [Fact]
    public async Task Votes_on_a_draft_or_an_archived_article_get_404_and_count_nothing()
    {
        var draft = await agent.CreateArticleAsync("Draft to vote on", "Body.", status: "draft");
        var archived = await agent.CreateArticleAsync("Archived to vote on", "Body.");
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{archived.Id}", new { status = "archived" })).StatusCode);
        var before = await app.RowCountsAsync();

        foreach (var id in new[] { draft.Id, archived.Id })
        {
            var vote = await customer.PostAsJsonAsync($"/api/kb/articles/{id}/votes", new { helpful = true });
            Assert.Equal(HttpStatusCode.NotFound, vote.StatusCode);
            Assert.Equal("application/problem+json", vote.Content.Headers.ContentType?.MediaType);
            var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{id}");
            Assert.Equal((0, 0), (read.HelpfulVotes, read.NotHelpfulVotes));
        }
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Empty(app.Events!.All<ArticleFeedbackGiven>(e => e.ArticleId == draft.Id || e.ArticleId == archived.Id));
    }
}

/// <summary>The standalone mode: the same article behaviour on a SQLite file with the in-memory bus.</summary>
public sealed class SqliteArticleTests
{
    [Fact]
    public async Task On_SQLite_an_article_is_created_published_versioned_and_hidden_from_customers_until_published()
    {
        await using var app = await KnowledgeBaseApp.StartAsync(sqlite: true);
        var agent = app.Client("agent:3");
        var customer = app.Client("customer:9");
        var category = await agent.CreateCategoryAsync("Getting started");
        var section = await agent.CreateCategoryAsync("First steps", parentId: category.Id);

        var draft = await agent.CreateArticleAsync("Install the app", "Download **it**. <script>x</script>", status: "draft",
            categoryId: section.Id, tags: ["install"]);
        var url = $"/api/kb/articles/{draft.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(url)).StatusCode);
        Assert.Empty((await ArticleCalls.ListAsync(customer, $"categoryId={category.Id}")).Items);

        var publish = await agent.PatchJsonAsync(url, new { status = "published", title = "Install the app today" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal("\"2\"", publish.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await agent.PatchJsonAsync(url, new { title = "Stale" }, "\"1\"")).StatusCode);

        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(customer, url);
        Assert.Equal(("Install the app today", ArticleStatus.Published, 1), (read.Title, read.Status, read.ViewCount));
        Assert.Contains("<strong>it</strong>", read.BodyHtml);
        Assert.DoesNotContain("<script", read.BodyHtml);
        Assert.Equal(["install"], read.Tags);
        Assert.Equal([draft.Id], (await ArticleCalls.ListAsync(customer, $"categoryId={category.Id}")).Items.Select(a => a.Id));

        var (versions, _) = await ArticleCalls.GetAsync<List<ArticleVersionResponse>>(agent, $"{url}/versions");
        Assert.Equal([(2, "Install the app today", ArticleStatus.Published), (1, "Install the app", ArticleStatus.Draft)],
            versions.Select(v => (v.Version, v.Title, v.Status)));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"{url}/versions")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = "archived" }, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(url)).StatusCode);
        Assert.Empty((await ArticleCalls.ListAsync(customer, $"categoryId={category.Id}")).Items);
        Assert.Equal(3, await app.CountAsync($"article_versions WHERE \"ArticleId\" = {draft.Id}"));
    }

    [Fact]
    public async Task On_SQLite_lists_page_and_filter_and_votes_and_views_are_counted()
    {
        await using var app = await KnowledgeBaseApp.StartAsync(sqlite: true);
        var agent = app.Client("agent:3");
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add((await agent.CreateArticleAsync($"Article {i}", "Body.", locale: i == 1 ? "zh-CN" : "en")).Id);

        var first = await ArticleCalls.ListAsync(agent, "limit=2");
        var second = await ArticleCalls.ListAsync(agent, $"limit=2&cursor={first.NextCursor}");
        Assert.Equal(ids.OrderDescending(), first.Items.Concat(second.Items).Select(a => a.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal([ids[1]], (await ArticleCalls.ListAsync(agent, "locale=zh-CN")).Items.Select(a => a.Id));

        var votes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            app.Client($"customer:{i}").PostAsJsonAsync($"/api/kb/articles/{ids[0]}/votes", new { helpful = i < 4 })));
        Assert.All(votes, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => app.Client($"customer:{i}").GetAsync($"/api/kb/articles/{ids[0]}")));
        var (read, _) = await ArticleCalls.GetAsync<ArticleResponse>(agent, $"/api/kb/articles/{ids[0]}");
        Assert.Equal((4, 2, 5), (read.HelpfulVotes, read.NotHelpfulVotes, read.ViewCount));
    }
}

/// <summary>Calls the article tests share (static, not extensions, so they clash with nobody's).</summary>
internal static class ArticleCalls
{
    public static async Task<(T Body, string? ETag)> GetAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<T>(), response.Headers.ETag?.Tag);
    }

    public static async Task<Page<ArticleListItem>> ListAsync(HttpClient client, string query) =>
        (await GetAsync<Page<ArticleListItem>>(client, $"/api/kb/articles?{query}")).Body;
}
