using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests;

/// <summary>
/// Bad input gets a clear 4xx — 400 with problem details naming the field, 404 for an unknown id in the path, 409 for a
/// repeated answer feedback — and writes nothing: no row, no version, no event in the outbox, no ETag moved.
/// </summary>
public sealed class BadInputTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private const int Unknown = 987_654;
    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient client = fixture.App.Client("agent:21");

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field, string? because = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: expected 400 naming '{field}', got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Select(p => p.Name).SequenceEqual([field]),
            $"{because}: expected errors naming only '{field}', got {errors}");
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(field)[0].GetString()));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? because = null)
    {
        Assert.True(response.StatusCode == status, $"{because}: expected {(int)status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    // ---------------------------------------------------------------- new articles

    private static object Article(string? title = "Valid title", string? body = "Valid body.", string? locale = "en", string? status = null,
        int? categoryId = null, string[]? tags = null, string? summary = null, string? author = null) =>
        new { title, body, locale, status, categoryId, tags, summary, author };

    public static TheoryData<string, object, string> BadArticles => new()
    {
        { "missing title", Article(title: null), "title" },
        { "blank title", Article(title: "   "), "title" },
        { "title over 200 characters", Article(title: new string('t', 201)), "title" },
        { "missing body", Article(body: null), "body" },
        { "body over 256 KiB", Article(body: new string('b', 256 * 1024 + 1)), "body" },
        { "body over 256 KiB of UTF-8 in fewer characters", Article(body: new string('文', 90_000)), "body" },
        { "missing locale", Article(locale: null), "locale" },
        { "locale fr", Article(locale: "fr"), "locale" },
        { "locale xx", Article(locale: "xx"), "locale" },
        { "unknown status", Article(status: "deleted"), "status" },
        { "categoryId of a missing category", Article(categoryId: Unknown), "categoryId" },
        { "21 tags", Article(tags: [.. Enumerable.Range(0, 21).Select(i => $"tag{i}")]), "tags" },
        { "tag over 50 characters", Article(tags: ["ok", new string('g', 51)]), "tags" },
        { "blank tag", Article(tags: ["ok", " "]), "tags" },
        { "summary over 500 characters", Article(summary: new string('s', 501)), "summary" },
        { "author over 100 characters", Article(author: new string('a', 101)), "author" },
    };

    [Theory]
    [MemberData(nameof(BadArticles))]
    public async Task A_bad_new_article_is_refused_naming_the_field_and_nothing_is_written(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/kb/articles", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    public static TheoryData<string, string, string> UnreadableArticles => new()
    {
        { "malformed JSON", """{title: "Unquoted", "body": "b", "locale": "en"}""", "body" },
        { "JSON cut short", """{"title": "Half", "locale": """, "locale" },
        { "not an object", """["title", "body"]""", "body" },
        { "a bare string", "\"title\"", "body" },
        { "an empty body", "", "body" },
        { "title of the wrong type", """{"title": 5, "body": "b", "locale": "en"}""", "title" },
        { "categoryId of the wrong type", """{"title": "t", "body": "b", "locale": "en", "categoryId": "billing"}""", "categoryId" },
        { "tags of the wrong type", """{"title": "t", "body": "b", "locale": "en", "tags": "one, two"}""", "tags" },
        { "status as a number", """{"title": "t", "body": "b", "locale": "en", "status": 1}""", "status" },
    };

    [Theory]
    [MemberData(nameof(UnreadableArticles))]
    public async Task An_unreadable_new_article_is_refused_naming_the_field_and_nothing_is_written(string because, string json, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/kb/articles", json);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_forged_X_Actor_is_ignored_the_article_is_the_token_holders()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/kb/articles") { Content = JsonContent.Create(Article()) };
        request.Headers.Add("X-Actor", "customer:1");

        var agent = app.Client("agent:3");
        var response = await agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var article = await response.ReadAsync<ArticleResponse>();
        var version = await (await agent.GetAsync($"/api/kb/articles/{article.Id}/versions/1")).ReadAsync<ArticleVersionResponse>();
        Assert.Equal("agent:3", version.EditedBy);
    }

    // ---------------------------------------------------------------- article patches

    public static TheoryData<string, string, string> BadArticlePatches => new()
    {
        { "blank title", """{"title": ""}""", "title" },
        { "null title", """{"title": null}""", "title" },
        { "title over 200 characters", $$"""{"title": "{{new string('t', 201)}}"}""", "title" },
        { "title of the wrong type", """{"title": 5}""", "title" },
        { "null body", """{"body": null}""", "body" },
        { "body over 256 KiB", $$"""{"body": "{{new string('b', 256 * 1024 + 1)}}"}""", "body" },
        { "locale fr", """{"locale": "fr"}""", "locale" },
        { "null locale", """{"locale": null}""", "locale" },
        { "unknown status", """{"status": "deleted"}""", "status" },
        { "null status", """{"status": null}""", "status" },
        { "categoryId of a missing category", $$"""{"categoryId": {{Unknown}}}""", "categoryId" },
        { "categoryId of the wrong type", """{"categoryId": "billing"}""", "categoryId" },
        { "21 tags", $$"""{"tags": [{{string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\""))}}]}""", "tags" },
        { "null tags", """{"tags": null}""", "tags" },
        { "a field only the server sets", """{"viewCount": 1000}""", "viewCount" },
        { "a misspelt field", """{"titel": "Renamed"}""", "titel" },
        { "the id", """{"id": 1}""", "id" },
        { "malformed JSON", """{title: "Unquoted"}""", "body" },
        { "not an object", """["title"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadArticlePatches))]
    public async Task A_bad_article_patch_is_refused_naming_the_field_and_changes_nothing(string because, string json, string field)
    {
        var article = await client.CreateArticleAsync("Patched article", "Body.", status: "draft");
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Patch, $"/api/kb/articles/{article.Id}", json, "\"1\"");

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
        var read = await client.GetAsync($"/api/kb/articles/{article.Id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var current = await read.ReadAsync<ArticleResponse>();
        Assert.Equal(("Patched article", "Body.", ArticleStatus.Draft, 1), (current.Title, current.Body, current.Status, current.Version));
    }

    // ---------------------------------------------------------------- unknown articles

    public static TheoryData<string, string, string?> UnknownArticleRequests => new()
    {
        { "GET", $"/api/kb/articles/{Unknown}", null },
        { "PATCH", $"/api/kb/articles/{Unknown}", """{"title": "Nobody"}""" },
        { "GET", $"/api/kb/articles/{Unknown}/versions", null },
        { "GET", $"/api/kb/articles/{Unknown}/versions/1", null },
        { "POST", $"/api/kb/articles/{Unknown}/votes", """{"helpful": true}""" },
    };

    [Theory]
    [MemberData(nameof(UnknownArticleRequests))]
    public async Task A_request_for_an_unknown_article_gets_404_and_writes_nothing(string method, string url, string? json)
    {
        var before = await app.RowCountsAsync();

        var response = json is null
            ? await client.GetAsync(url)
            : await client.SendJsonAsync(new HttpMethod(method), url, json);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, $"{method} {url}");
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"helpful": null}""")]
    [InlineData("""{"helpful": "yes"}""")]
    [InlineData("""{"helpful": 1}""")]
    public async Task A_vote_without_a_true_or_false_helpful_is_refused_naming_helpful(string json)
    {
        var article = await client.CreateArticleAsync("Vote target", "Body.");
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/kb/articles/{article.Id}/votes", json);

        await AssertInvalidAsync(response, "helpful", json);
        Assert.Equal(before, await app.RowCountsAsync());
        var read = await (await client.GetAsync($"/api/kb/articles/{article.Id}")).ReadAsync<ArticleResponse>();
        Assert.Equal((0, 0), (read.HelpfulVotes, read.NotHelpfulVotes));
    }

    [Theory]
    [InlineData("status=deleted", "status")]
    [InlineData("locale=xx", "locale")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("categoryId=books", "categoryId")]
    public async Task A_bad_article_list_query_is_refused_naming_the_parameter(string query, string field)
    {
        var response = await client.GetAsync($"/api/kb/articles?{query}");

        await AssertInvalidAsync(response, field, query);
    }

    // ---------------------------------------------------------------- search

    public static TheoryData<string, string> BadSearches => new()
    {
        { "", "q" },
        { "q=", "q" },
        { "q=%20%20", "q" },
        { $"q={new string('q', 2000)}", "q" },
        { "q=password&locale=xx", "locale" },
        { "q=password&locale=fr", "locale" },
        { $"q=password&category={Unknown}", "category" },
        { "q=password&limit=0", "limit" },
        { "q=password&limit=51", "limit" },
        { "q=password&limit=many", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task A_bad_search_is_refused_naming_the_parameter_and_writes_nothing(string query, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.GetAsync($"/api/kb/search?{query}");

        await AssertInvalidAsync(response, field, query.Length > 60 ? query[..60] + "…" : query);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    // ---------------------------------------------------------------- answers

    public static TheoryData<string, string, string> BadQuestions => new()
    {
        { "no question", """{"locale": "en"}""", "question" },
        { "empty question", """{"question": ""}""", "question" },
        { "blank question", """{"question": "   "}""", "question" },
        { "2,000-character question", $$"""{"question": "{{new string('q', 2000)}}"}""", "question" },
        { "question of the wrong type", """{"question": 42}""", "question" },
        { "unknown locale", """{"question": "How do I reset my password?", "locale": "fr"}""", "locale" },
        { "malformed JSON", """{question: "How?"}""", "body" },
        { "JSON cut short in the question", """{"question": "How""", "question" },
    };

    [Theory]
    [MemberData(nameof(BadQuestions))]
    public async Task A_bad_question_is_refused_naming_the_field_and_nothing_is_written(string because, string json, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/kb/answers", json);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Feedback_on_an_unknown_answer_gets_404_and_a_second_feedback_gets_409_and_neither_writes()
    {
        var before = await app.RowCountsAsync();
        var unknown = await client.PostAsJsonAsync($"/api/kb/answers/{Guid.NewGuid()}/feedback", new { solved = true });
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(before, await app.RowCountsAsync());

        var answer = await client.AskAsync("How do I change the e-mail address of my account?");
        var first = await client.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = false });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var afterFirst = await app.RowCountsAsync();

        var second = await client.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = true });
        await AssertProblemAsync(second, HttpStatusCode.Conflict);
        var third = await client.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = false });
        await AssertProblemAsync(third, HttpStatusCode.Conflict);
        Assert.Equal(afterFirst, await app.RowCountsAsync());
        Assert.Equal(1, await app.CountAsync($"answers WHERE \"Id\" = '{answer.Id}' AND \"Deflected\" = false"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"solved": null}""")]
    [InlineData("""{"solved": "yes"}""")]
    public async Task Feedback_without_a_true_or_false_solved_is_refused_naming_solved_and_leaves_the_answer_open(string json)
    {
        var answer = await client.AskAsync("Where can I download my invoices?");
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/kb/answers/{answer.Id}/feedback", json);

        await AssertInvalidAsync(response, "solved", json);
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = true })).StatusCode);
    }

    // ---------------------------------------------------------------- problem library

    public static TheoryData<string, string, string> BadDiagnoses => new()
    {
        { "neither symptoms nor text", "{}", "symptoms" },
        { "both symptoms and text", """{"symptoms": ["printer offline"], "text": "My printer is offline."}""", "symptoms" },
        { "empty symptom list", """{"symptoms": []}""", "symptoms" },
        { "blank symptom", """{"symptoms": ["printer offline", " "]}""", "symptoms" },
        { "21 symptoms", $$"""{"symptoms": [{{string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"symptom {i}\""))}}]}""", "symptoms" },
        { "symptom over 200 characters", $$"""{"symptoms": ["{{new string('s', 201)}}"]}""", "symptoms" },
        { "symptoms of the wrong type", """{"symptoms": "printer offline"}""", "symptoms" },
        { "empty text", """{"text": ""}""", "text" },
        { "text over 2,000 characters", $$"""{"text": "{{new string('x', 2001)}}"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(BadDiagnoses))]
    public async Task A_bad_diagnosis_request_is_refused_naming_the_field(string because, string json, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/kb/diagnose", json);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    private static object Problem(string? title = "Printer offline", string[]? symptoms = null, string? solution = "Restart the spooler.", int? articleId = null) =>
        new { title, symptoms = symptoms ?? ["printer shows offline"], solution, articleId };

    public static TheoryData<string, object, string> BadProblems => new()
    {
        { "missing title", Problem(title: null), "title" },
        { "title over 200 characters", Problem(title: new string('t', 201)), "title" },
        { "no symptoms", Problem(symptoms: []), "symptoms" },
        { "21 symptoms", Problem(symptoms: [.. Enumerable.Range(0, 21).Select(i => $"symptom {i}")]), "symptoms" },
        { "symptom over 200 characters", Problem(symptoms: [new string('s', 201)]), "symptoms" },
        { "blank symptom", Problem(symptoms: ["printer offline", ""]), "symptoms" },
        { "missing solution", Problem(solution: null), "solution" },
        { "solution over 4000 characters", Problem(solution: new string('s', 4001)), "solution" },
        { "articleId of a missing article", Problem(articleId: Unknown), "articleId" },
    };

    [Theory]
    [MemberData(nameof(BadProblems))]
    public async Task A_bad_new_problem_is_refused_naming_the_field_and_nothing_is_written(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/kb/problems", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Theory]
    [InlineData("""{"title": ""}""", "title")]
    [InlineData("""{"symptoms": []}""", "symptoms")]
    [InlineData("""{"symptoms": null}""", "symptoms")]
    [InlineData("""{"solution": null}""", "solution")]
    [InlineData("""{"articleId": "manual"}""", "articleId")]
    [InlineData("""{"version": 7}""", "version")]
    public async Task A_bad_problem_patch_is_refused_naming_the_field_and_changes_nothing(string json, string field)
    {
        var created = await client.PostAsJsonAsync("/api/kb/problems", Problem());
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Patch, $"/api/kb/problems/{id}", json, "\"1\"");

        await AssertInvalidAsync(response, field, json);
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal("\"1\"", (await client.GetAsync($"/api/kb/problems/{id}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_unknown_problem_gets_404()
    {
        await AssertProblemAsync(await client.GetAsync($"/api/kb/problems/{Unknown}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PatchJsonAsync($"/api/kb/problems/{Unknown}", new { title = "Nobody" }), HttpStatusCode.NotFound);
    }
}
