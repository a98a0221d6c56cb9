using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.KnowledgeBase.Search;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Search;

/// <summary>
/// Search on PostgreSQL (tsvector with a GIN index, pg_trgm for misspellings), through the API, on one shared
/// service. Each test writes articles of its own words (see <see cref="TestText.Unique"/>), or asserts only about its
/// own articles, so the tests do not see each other's.
/// </summary>
public sealed partial class SearchTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private readonly HttpClient agent = fixture.App.Client("agent:1");
    private readonly HttpClient customer = fixture.App.Client("customer:42");

    private async Task<List<int>> FoundAsync(string q, string? locale = null, int? category = null) =>
        (await customer.SearchAsync(q, locale, category)).Items.Select(i => i.Id).ToList();

    // ---------------------------------------------------------------- what is searchable, and when

    [Fact]
    public async Task A_draft_never_appears_in_search_and_appears_once_published()
    {
        var word = TestText.Unique();
        var draft = await agent.CreateArticleAsync($"Configure the {word} gateway", $"The {word} gateway needs a key.", status: "draft");

        Assert.Empty(await FoundAsync(word));
        Assert.DoesNotContain(draft.Id, await FoundAsync($"configure {word} gateway key"));
        Assert.DoesNotContain(draft.Id, (await agent.SearchAsync(word)).Items.Select(i => i.Id)); // not for agents either
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { body = $"The {word} gateway needs two keys." })).StatusCode);
        Assert.Empty(await FoundAsync(word)); // an edited draft is still a draft

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { status = "published" })).StatusCode);
        Assert.Equal([draft.Id], await FoundAsync(word));
    }

    [Fact]
    public async Task Archiving_removes_an_article_from_search_at_once()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Export {word} reports", $"Open Reports and click Export to download the {word} report.");
        var kept = await agent.CreateArticleAsync($"Schedule {word} reports", $"Reports about {word} can be emailed weekly.");
        Assert.Equal([article.Id, kept.Id], (await FoundAsync(word)).Order());

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}", new { status = "archived" })).StatusCode);

        Assert.Equal([kept.Id], await FoundAsync(word));
        var hits = await FoundAsync($"export {word} reports");
        Assert.Contains(kept.Id, hits);
        Assert.DoesNotContain(article.Id, hits);
    }

    [Fact]
    public async Task An_edit_is_searchable_at_once_and_the_old_words_no_longer_find_the_article()
    {
        var (oldTitle, oldBody, newTitle, newBody) = (TestText.Unique(), TestText.Unique(), TestText.Unique(), TestText.Unique());
        var article = await agent.CreateArticleAsync($"Pair the {oldTitle} scanner", $"Hold the {oldBody} button for three seconds.");
        Assert.Equal([article.Id], await FoundAsync(oldTitle));
        Assert.Equal([article.Id], await FoundAsync(oldBody));

        var patch = await agent.PatchJsonAsync($"/api/kb/articles/{article.Id}",
            new { title = $"Pair the {newTitle} scanner", body = $"Press the {newBody} switch until the light blinks." });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        Assert.Equal([article.Id], await FoundAsync(newTitle));
        var hit = Assert.Single((await customer.SearchAsync(newBody)).Items);
        Assert.Equal((article.Id, $"Pair the {newTitle} scanner"), (hit.Id, hit.Title));
        Assert.Contains($"<mark>{newBody}</mark>", hit.Snippet);
        Assert.Empty(await FoundAsync(oldTitle));
        Assert.Empty(await FoundAsync(oldBody));
    }

    // ---------------------------------------------------------------- English

    [Fact]
    public async Task English_words_are_found_by_their_other_forms()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Request a refund for {word}", "Open Orders, choose the order and click Request refund. Refunds reach your card in 5 to 10 business days.");

        foreach (var q in new[] { "refunds", "refunded", "REFUNDING", "refund" })
            Assert.Contains(article.Id, await FoundAsync(q));
        Assert.Contains(article.Id, await FoundAsync("requested orders"));
        var hit = (await customer.SearchAsync($"refunded {word}")).Items.First();
        Assert.Equal(article.Id, hit.Id);
        Assert.Contains("<mark>Refunds</mark> reach your card", hit.Snippet);
    }

    [Fact]
    public async Task Stop_words_alone_find_nothing_and_do_not_make_an_article_full_of_them_match()
    {
        var word = TestText.Unique();
        var wordy = await agent.CreateArticleAsync($"How to do the {word} things", $"How to do it: the how and the why of what we do with the {word} thing when it is there.");
        var answer = await agent.CreateArticleAsync($"Quarantine {word} devices", $"Quarantine isolates a {word} device from the network.");

        Assert.Empty(await FoundAsync("the"));
        Assert.Empty(await FoundAsync("how"));
        Assert.Empty(await FoundAsync("How to do the"));
        Assert.Equal([answer.Id], await FoundAsync("how to do the quarantine"));
        Assert.Equal([wordy.Id, answer.Id], (await FoundAsync($"how do the {word}")).Order());
    }

    [Theory]
    [InlineData("pasword")]
    [InlineData("subscripton")]
    [InlineData("invoce")]
    [InlineData("Pasword subscripton")]
    public async Task Small_English_misspellings_still_find_the_article(string misspelt)
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Billing {word} basics",
            $"Change your password under Security. Your subscription renews monthly and each invoice is emailed to the {word} owner.");

        var hits = (await customer.SearchAsync(misspelt)).Items;
        Assert.Contains(article.Id, hits.Select(h => h.Id));
        // The snippet marks the word the misspelling was corrected to.
        Assert.Matches("<mark>(password|subscription|invoice)</mark>", hits.First(h => h.Id == article.Id).Snippet);
    }

    [Fact]
    public async Task A_correctly_spelt_form_of_an_indexed_word_is_not_corrected_to_another_word()
    {
        // "connected" is in no article, but its stem is ("connection"); "connector", a different word, is nearer by trigrams.
        var word = TestText.Unique();
        var connection = await agent.CreateArticleAsync($"Troubleshoot a dropped {word} connection", "If the connection drops, restart the router.");
        var connector = await agent.CreateArticleAsync($"Replace a worn {word} connector", "A damaged connector must be replaced.");

        Assert.Equal([connection.Id], await FoundAsync("connected"));
        Assert.Equal([connector.Id], await FoundAsync("connectors"));
    }

    [Fact]
    public async Task Words_unlike_any_article_are_not_corrected_into_a_match()
    {
        var word = TestText.Unique();
        await agent.CreateArticleAsync($"Password {word} rules", "A password needs ten characters.");

        Assert.Empty(await FoundAsync("xylophone"));
        Assert.Empty(await FoundAsync("pizza"));
    }

    // ---------------------------------------------------------------- Chinese

    [Fact]
    public async Task Chinese_without_spaces_is_found_by_pairs_of_characters_and_by_one_character()
    {
        var article = await agent.CreateArticleAsync("如何申请退款", "在订单页面选择需要退款的订单，点击申请退款。退款将在三个工作日内原路退回。", "zh-CN");

        Assert.Contains(article.Id, await FoundAsync("退款"));
        Assert.Contains(article.Id, await FoundAsync("退"));
        Assert.Contains(article.Id, await FoundAsync("我想申请退款怎么办"));
        var hit = (await customer.SearchAsync("如何申请退款")).Items.First();
        Assert.Equal(article.Id, hit.Id);
        Assert.Contains("<mark>申请退款</mark>", hit.Snippet);
        Assert.Contains("<mark>退</mark>", (await customer.SearchAsync("退")).Items.First(h => h.Id == article.Id).Snippet);
        Assert.DoesNotContain(article.Id, await FoundAsync("鹦鹉螺"));
        Assert.DoesNotContain(article.Id, await FoundAsync("款退")); // the characters, but not in that order
    }

    [Fact]
    public async Task Mixed_Chinese_and_English_finds_articles_by_both()
    {
        var article = await agent.CreateArticleAsync("API 接口返回 404 错误", "调用接口时如果返回 404，请检查 API 地址和版本号是否正确。", "zh-CN");
        var other = await agent.CreateArticleAsync("接口限流说明", "每个接口每分钟最多调用六十次。", "zh-CN");

        var hits = (await customer.SearchAsync("API 接口 404")).Items;
        Assert.Equal(article.Id, hits[0].Id);
        Assert.Contains(other.Id, hits.Select(h => h.Id)); // it holds 接口
        Assert.Equal("调用<mark>接口</mark>时如果返回 <mark>404</mark>，请检查 <mark>API</mark> 地址和版本号是否正确。", hits[0].Snippet); // the body's
    }

    // ---------------------------------------------------------------- filters

    [Fact]
    public async Task The_locale_filter_keeps_the_articles_of_that_locale()
    {
        var word = TestText.Unique();
        var english = await agent.CreateArticleAsync($"{word} setup", $"Install {word} first.", "en");
        var chinese = await agent.CreateArticleAsync($"{word} 安装说明", $"请先安装 {word}。", "zh-CN");

        Assert.Equal([english.Id, chinese.Id], (await FoundAsync(word)).Order());
        Assert.Equal([english.Id], await FoundAsync(word, "en"));
        Assert.Equal([chinese.Id], await FoundAsync(word, "zh-CN"));
        Assert.Equal([chinese.Id], await FoundAsync(word, "zh-cn"));
        var hits = (await customer.SearchAsync(word, "zh-CN")).Items;
        Assert.All(hits, h => Assert.Equal("zh-CN", h.Locale));

        var unsupported = await customer.GetAsync($"/api/kb/search?q={word}&locale=fr");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal(["locale"], await unsupported.ProblemFieldsAsync());
    }

    [Fact]
    public async Task The_category_filter_keeps_the_articles_of_the_category_and_its_sections()
    {
        var word = TestText.Unique();
        var billing = await agent.CreateCategoryAsync($"Billing {word}");
        var invoices = await agent.CreateCategoryAsync($"Invoices {word}", billing.Id);
        var account = await agent.CreateCategoryAsync($"Account {word}");
        var inCategory = await agent.CreateArticleAsync($"Pay by {word} card", $"Cards with {word} chips work.", categoryId: billing.Id);
        var inSection = await agent.CreateArticleAsync($"{word} invoice numbers", $"Each {word} invoice has a number.", categoryId: invoices.Id);
        var elsewhere = await agent.CreateArticleAsync($"{word} profile photo", $"Upload a {word} photo.", categoryId: account.Id);
        var uncategorised = await agent.CreateArticleAsync($"{word} glossary", $"Terms used with {word}.");

        Assert.Equal([inCategory.Id, inSection.Id, elsewhere.Id, uncategorised.Id], (await FoundAsync(word)).Order());
        Assert.Equal([inCategory.Id, inSection.Id], (await FoundAsync(word, category: billing.Id)).Order());
        Assert.Equal([inSection.Id], await FoundAsync(word, category: invoices.Id));
        Assert.Equal([elsewhere.Id], await FoundAsync(word, category: account.Id));
        Assert.Empty(await FoundAsync(word, "zh-CN", billing.Id));

        var missing = await customer.GetAsync($"/api/kb/search?q={word}&category=999999");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["category"], await missing.ProblemFieldsAsync());
    }

    // ---------------------------------------------------------------- ranking and snippets

    [Fact]
    public async Task A_title_match_outranks_a_summary_match_which_outranks_a_body_only_mention()
    {
        var word = TestText.Unique();
        // Created weakest first: equal ranks would list them in this order.
        var inBody = await agent.CreateArticleAsync("Keyboard shortcuts", $"Press ? to see every shortcut. The {word} view has its own shortcuts, and {word} keys are listed too.");
        var inSummary = await agent.CreateArticleAsync("Notification settings", "Choose which emails you receive.", summary: $"Including {word} alerts.");
        var inTitle = await agent.CreateArticleAsync($"Using the {word} view", "Open it from the sidebar.");

        var hits = (await customer.SearchAsync(word)).Items;

        Assert.Equal([inTitle.Id, inSummary.Id, inBody.Id], hits.Select(h => h.Id));
        Assert.True(hits[0].Rank > hits[1].Rank && hits[1].Rank > hits[2].Rank, string.Join(", ", hits.Select(h => h.Rank)));
    }

    [Fact]
    public async Task An_article_holding_more_of_the_query_ranks_first()
    {
        var word = TestText.Unique();
        var some = await agent.CreateArticleAsync($"{word} exports", "Exports run nightly.");
        var all = await agent.CreateArticleAsync($"{word} exports to spreadsheets", "Exports can be opened as spreadsheets.");

        var found = await FoundAsync($"{word} export spreadsheet");
        Assert.Equal(all.Id, found[0]);
        Assert.Equal([all.Id, some.Id], found.Where(id => id == all.Id || id == some.Id));
    }

    [Fact]
    public async Task The_snippet_marks_the_matches_and_escapes_the_articles_HTML()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Embedding the {word} widget",
            $"Never paste <script>alert('{word}')</script> into the page. Add the {word} widget with <b>the snippet</b> & save.");

        var hit = Assert.Single((await customer.SearchAsync(word)).Items);

        Assert.Equal(article.Id, hit.Id);
        Assert.Contains("&lt;script&gt;", hit.Snippet);
        Assert.DoesNotContain("<script", hit.Snippet);
        Assert.DoesNotContain("<b>", hit.Snippet);
        Assert.DoesNotMatch(OtherTagRegex(), hit.Snippet);
        Assert.Contains($"<mark>{word}</mark> widget", hit.Snippet);
        Assert.Contains("&amp; save", hit.Snippet);
    }

    [Fact]
    public async Task The_index_weighs_title_then_tags_and_summary_then_body_and_at_scale_search_uses_the_GIN_and_trigram_indexes()
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"Weighted {word} title", $"Body about {word}.", tags: ["tagged"], summary: "Summed up");
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        Task<string> QueryAsync(string sql, params object[] parameters) => FirstColumnAsync(connection, sql, parameters);

        var vector = await QueryAsync($"""SELECT search_vector::text FROM articles WHERE "Id" = {article.Id}""");
        Assert.Matches($@"'{word}':2A,\d+C", vector);
        Assert.Matches(@"'tag':\d+B", vector);
        Assert.Matches(@"'sum':\d+B", vector);
        Assert.Matches(@"'bodi':\d+C", vector);

        // Thousands of articles and words, in a transaction rolled back: the planner picks the indexes for the service's own queries.
        await using var transaction = await connection.BeginTransactionAsync();
        await QueryAsync("""
            INSERT INTO articles ("Title", "Body", "BodyHtml", "Tags", "Locale", "Status", "Version", "CreatedAt", "UpdatedAt",
                "ViewCount", "HelpfulVotes", "NotHelpfulVotes", "SearchTitle", "SearchKeywords", "SearchBody")
            SELECT 'Filler ' || i, 'x', 'x', '{}', 'en', CASE WHEN i % 10 = 0 THEN 'Draft' ELSE 'Published' END, 1, now(), now(), 0, 0, 0,
                'filler' || i, '', 'common body' || (i % 500) || (SELECT string_agg(' w' || ((i * 7 + j) % 3000), '') FROM generate_series(1, 60) AS j)
            FROM generate_series(1, 5000) AS i;
            INSERT INTO search_words ("Word") SELECT 'filler' || i FROM generate_series(1, 5000) AS i;
            ANALYZE articles;
            ANALYZE article_search_vectors;
            ANALYZE search_words;
            """);
        var search = await QueryAsync("""
            EXPLAIN SELECT v.article_id, ts_rank('{0.1, 0.2, 0.4, 1.0}', v.search_vector, q, 0)::float8
            FROM article_search_vectors v, to_tsquery('simple', $1) q
            WHERE v.search_vector @@ q AND ($2::text IS NULL OR v.locale = $2) AND ($3::int[] IS NULL OR v.category_id = ANY($3))
            ORDER BY 2 DESC, 1 LIMIT $4
            """, $"'{word}' | 'body42'", DBNull.Value, DBNull.Value, 10);
        Assert.True(search.Contains("ix_article_search_vectors_search_vector"), search);
        var oneCharacter = await QueryAsync("""
            EXPLAIN SELECT a."Id", ts_rank('{0.1, 0.2, 0.4, 1.0}', a.search_vector, q, 1)::float8
            FROM articles a, to_tsquery('simple', $1) q
            WHERE a."Status" = 'Published' AND a.search_vector @@ q
              AND ($2::text IS NULL OR a."Locale" = $2) AND ($3::int[] IS NULL OR a."CategoryId" = ANY($3))
            ORDER BY 2 DESC, 1 LIMIT $4
            """, "'页'", DBNull.Value, DBNull.Value, 10);
        Assert.True(oneCharacter.Contains("IX_articles_search_vector"), oneCharacter);
        // The nearest-word search uses the trigram index, and runs once: for the one word no article holds.
        var correction = await QueryAsync("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + string.Format(ArticleSearch.CorrectionsSql, "$1", "$2"),
            new[] { "filler1", "filler2", "filler3", "pasword" }, 0.45);
        var nearest = correction.Split('\n').Single(line => line.Contains("on search_words w"));
        Assert.True(nearest.Contains("IX_search_words_trigrams") && nearest.Contains("loops=1)"), correction);
        await transaction.RollbackAsync();
    }

    /// <summary>Any tag but mark.</summary>
    private static async Task<string> FirstColumnAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetValue(0).ToString()!);
        return string.Join('\n', rows);
    }

    [GeneratedRegex("<(?!/?mark>)")]
    private static partial Regex OtherTagRegex();

    [Fact]
    public async Task The_term_counts_the_answer_bot_weighs_by_follow_every_publish_edit_and_archive_and_fold_exactly()
    {
        var (shared, first, second, replacement) = (TestText.Unique(), TestText.Unique(), TestText.Unique(), TestText.Unique());
        async Task<string> CountsAsync()
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var (documents, total) = await scope.ServiceProvider.GetRequiredService<ArticleSearch>().DocumentFrequenciesAsync([shared, first, second, replacement], default);
            return $"{string.Join(' ', documents.Select(d => $"{d.Key}={d.Value}"))} of {total}";
        }
        Task FoldAsync() => fixture.App.Services.GetRequiredService<TermDocumentCounts>().FoldAsync(default);
        await FoldAsync();
        var published = int.Parse((await CountsAsync()).Split(" of ")[1]);

        var draft = await agent.CreateArticleAsync($"Reset the {shared} router", $"Hold {first} for ten seconds.", status: "draft");
        Assert.Equal($"{shared}=0 {first}=0 {second}=0 {replacement}=0 of {published}", await CountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { status = "published" })).StatusCode);
        var other = await agent.CreateArticleAsync($"Update the {shared} router", $"Download {second} and install it. {second} again.");
        Assert.Equal($"{shared}=2 {first}=1 {second}=1 {replacement}=0 of {published + 2}", await CountsAsync());
        await FoldAsync();
        Assert.Equal($"{shared}=2 {first}=1 {second}=1 {replacement}=0 of {published + 2}", await CountsAsync());

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { body = $"Hold {replacement} for ten seconds." })).StatusCode);
        Assert.Equal($"{shared}=2 {first}=0 {second}=1 {replacement}=1 of {published + 2}", await CountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{other.Id}", new { status = "archived" })).StatusCode);
        Assert.Equal($"{shared}=1 {first}=0 {second}=0 {replacement}=1 of {published + 1}", await CountsAsync());

        // Folded, every kept count is what counting the published articles gives now, and no change is left over.
        await FoldAsync();
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("0 0", await FirstColumnAsync(connection, """
            SELECT count(*) || ' ' || (SELECT count(*) FROM article_term_changes) FROM article_term_documents t
            FULL JOIN (SELECT term, count(*)::int AS documents FROM articles, unnest(tsvector_to_array(search_vector)) AS term
                       WHERE "Status" = 'Published' GROUP BY term
                       UNION ALL SELECT '', count(*)::int FROM articles WHERE "Status" = 'Published') c ON c.term = t.term
            WHERE coalesce(t.documents, 0) <> coalesce(c.documents, 0)
            """));
    }

    [Fact]
    public async Task The_search_vectors_ranking_reads_follow_every_publish_edit_move_archive_and_delete_and_rank_as_the_articles_own()
    {
        var (shared, first, second) = (TestText.Unique(), TestText.Unique(), TestText.Unique());
        var (billing, account) = (await agent.CreateCategoryAsync($"Billing {shared}"), await agent.CreateCategoryAsync($"Account {shared}"));
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        // Every published article has one row, made of its locale, category and vector; no other article has one.
        Task<string> OutOfStepAsync() => FirstColumnAsync(connection, """
            SELECT count(*) FROM article_search_vectors v
            FULL JOIN (SELECT * FROM articles WHERE "Status" = 'Published') a ON a."Id" = v.article_id
            WHERE a."Id" IS NULL OR v.article_id IS NULL OR v.locale <> a."Locale" OR v.category_id IS DISTINCT FROM a."CategoryId"
               OR v.vector_length <> article_search_length(a.search_vector) OR v.search_vector <> article_search_lexemes(a.search_vector)
            """);
        Task<string> RowAsync(int id) => FirstColumnAsync(connection,
            "SELECT locale || ' ' || coalesce(category_id::text, '-') || ' ' || array_to_string(tsvector_to_array(search_vector), ' ') FROM article_search_vectors WHERE article_id = $1", id);

        var draft = await agent.CreateArticleAsync($"Reset the {shared} router", $"Hold {first} for ten seconds. 按住按钮。", status: "draft", categoryId: billing.Id);
        Assert.Equal(("", "0"), (await RowAsync(draft.Id), await OutOfStepAsync()));
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { status = "published" })).StatusCode);
        var row = await RowAsync(draft.Id);
        Assert.StartsWith($"en {billing.Id} ", row);
        Assert.Contains(first, row.Split(' '));
        Assert.Contains("按钮", row.Split(' '));
        Assert.DoesNotContain("按", row.Split(' ')); // one-character lexemes stay in the articles' own vectors
        Assert.Equal("0", await OutOfStepAsync());

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { body = $"Hold {second} for ten seconds.", categoryId = account.Id })).StatusCode);
        row = await RowAsync(draft.Id);
        Assert.StartsWith($"en {account.Id} ", row);
        Assert.Contains(second, row.Split(' '));
        Assert.DoesNotContain(first, row.Split(' '));
        Assert.Equal("0", await OutOfStepAsync());

        var other = await agent.CreateArticleAsync($"Update the {shared} router firmware", $"Download {second} and install it. {second} again, then {shared}.");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var ranked = await scope.ServiceProvider.GetRequiredService<ArticleSearch>().RankAsync([shared, second, "router"], new ArticleFilter(null, null), 50, default);
            var expected = await FirstColumnAsync(connection, """
                SELECT ts_rank('{0.1, 0.2, 0.4, 1.0}', search_vector, to_tsquery('simple', $1), 1)::float8 FROM articles WHERE "Id" = ANY($2) ORDER BY "Id"
                """, $"'{shared}' | '{second}' | 'router'", new[] { draft.Id, other.Id });
            Assert.Equal(expected.Split('\n').Select(double.Parse),
                ranked.Where(r => r.ArticleId == draft.Id || r.ArticleId == other.Id).OrderBy(r => r.ArticleId).Select(r => r.Rank));
        }

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{other.Id}", new { status = "archived" })).StatusCode);
        Assert.Equal(("", "0"), (await RowAsync(other.Id), await OutOfStepAsync()));
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/kb/articles/{other.Id}", new { status = "published" })).StatusCode);
        Assert.StartsWith("en - ", await RowAsync(other.Id));

        await FirstColumnAsync(connection, """DELETE FROM articles WHERE "Id" = $1""", other.Id);
        Assert.Equal(("", "0"), (await RowAsync(other.Id), await OutOfStepAsync()));
    }

    [Fact]
    public async Task Among_more_matches_than_are_ranked_the_articles_holding_the_rarest_terms_are_ranked_first()
    {
        var (common, rare) = (TestText.Unique(), TestText.Unique());
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await FirstColumnAsync(connection, """
            INSERT INTO articles ("Title", "Body", "BodyHtml", "Tags", "Locale", "Status", "Version", "CreatedAt", "UpdatedAt",
                "ViewCount", "HelpfulVotes", "NotHelpfulVotes", "SearchTitle", "SearchKeywords", "SearchBody")
            SELECT 'Filler ' || i, 'x', 'x', '{}', 'en', 'Published', 1, now(), now(), 0, 0, 0, $1, '', 'filler text'
            FROM generate_series(1, $2) AS i
            """, common, 2 * ArticleSearch.MaxCandidates);
        try
        {
            var article = await agent.CreateArticleAsync($"{common} {rare}", "Both words in the title.");
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<ArticleSearch>();

            var ranked = await search.RankAsync([common, rare], new ArticleFilter("en", null), 5, default);

            Assert.Equal(article.Id, ranked[0].ArticleId);
            Assert.Equal(5, ranked.Count);
            Assert.Equal(article.Id, (await customer.SearchAsync($"{common} {rare}")).Items[0].Id);
        }
        finally
        {
            await FirstColumnAsync(connection, """DELETE FROM articles WHERE "SearchTitle" = $1""", common);
        }
    }

    // ---------------------------------------------------------------- the request

    [Theory]
    [InlineData("{0}'s refund:* & (x | !y) \\ \" <-> ;--")]
    [InlineData("'{0}'")]
    [InlineData("{0}:*A")]
    public async Task Query_syntax_in_the_text_is_only_punctuation(string template)
    {
        var word = TestText.Unique();
        var article = await agent.CreateArticleAsync($"{word} refunds", "Refunds take a week.");

        Assert.Equal(article.Id, (await FoundAsync(string.Format(template, word)))[0]);
        foreach (var q in new[] { "'", ":*", "&|!()", "\"", "<->", "''; DROP TABLE articles; --" })
            Assert.DoesNotContain(article.Id, await FoundAsync(q));
    }

    [Fact]
    public async Task A_search_needs_a_query_and_a_limit_in_range_and_the_limit_caps_the_hits()
    {
        var word = TestText.Unique();
        for (var i = 0; i < 3; i++)
            await agent.CreateArticleAsync($"{word} tip {i + 1}", $"Tip about {word}.");

        Assert.Equal(2, (await (await customer.GetAsync($"/api/kb/search?q={word}&limit=2")).ReadAsync<SearchResponse>()).Items.Count);
        foreach (var (url, field) in new[] { ("/api/kb/search", "q"), ("/api/kb/search?q=%20", "q"), ($"/api/kb/search?q={word}&limit=0", "limit"), ($"/api/kb/search?q={word}&limit=51", "limit") })
        {
            var response = await customer.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], await response.ProblemFieldsAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync($"/api/kb/search?q={new string('a', SearchApi.QueryMaxLength + 1)}")).StatusCode);
    }
}

/// <summary>Words no other test writes.</summary>
internal static class TestText
{
    /// <summary>
    /// A made-up word of ten letters, in no other article and like no other word (so never taken for a misspelling of
    /// one), which is its own stem (so it is also the term the index holds).
    /// </summary>
    public static string Unique()
    {
        while (true)
        {
            var word = string.Create(10, 0, (letters, _) =>
            {
                letters[0] = 'z';
                for (var i = 1; i < letters.Length; i++)
                    letters[i] = (char)('a' + Random.Shared.Next(26));
            });
            if (SearchTerms.WordTerm(word) == word)
                return word;
        }
    }
}
