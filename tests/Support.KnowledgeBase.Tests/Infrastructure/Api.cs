using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Categories;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Tests.Infrastructure;

/// <summary>Short-hands for the calls most tests make.</summary>
public static class Api
{
    public static async Task<ArticleResponse> CreateArticleAsync(this HttpClient client, string title, string body, string locale = "en",
        string status = "published", string[]? tags = null, string? summary = null, int? categoryId = null)
    {
        var response = await client.PostAsJsonAsync("/api/kb/articles", new { title, body, locale, status, tags, summary, categoryId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ArticleResponse>();
    }

    public static async Task<CategoryResponse> CreateCategoryAsync(this HttpClient client, string name, int? parentId = null, int? position = null)
    {
        var response = await client.PostAsJsonAsync("/api/kb/categories", new { name, parentId, position });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<CategoryResponse>();
    }

    public static async Task<SearchResponse> SearchAsync(this HttpClient client, string q, string? locale = null, int? category = null)
    {
        var url = $"/api/kb/search?q={Uri.EscapeDataString(q)}"
            + (locale is null ? "" : $"&locale={Uri.EscapeDataString(locale)}") + (category is null ? "" : $"&category={category}");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<SearchResponse>();
    }

    public static async Task<AnswerResponse> AskAsync(this HttpClient client, string question, string? locale = null)
    {
        var response = await client.PostAsJsonAsync("/api/kb/answers", new { question, locale });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<AnswerResponse>();
    }

    /// <summary>A body sent as it is (malformed JSON, wrong types), with If-Match when given.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>A merge patch of exactly the fields given (a null clears), with If-Match when given.</summary>
    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object patch, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, url, JsonSerializer.Serialize(patch, KnowledgeBaseApp.Json), ifMatch);

    /// <summary>The row count of every table the API writes, to show a refused request wrote nothing.</summary>
    public static async Task<string> RowCountsAsync(this KnowledgeBaseApp app)
    {
        var counts = new List<string>();
        foreach (var table in new[] { "articles", "article_versions", "categories", "answers", "problems", "search_words", "outbox_messages" })
            counts.Add($"{table}={await app.CountAsync(table)}");
        return string.Join(" ", counts);
    }
}
