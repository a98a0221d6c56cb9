using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Http;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Search;

public record SearchHit(int Id, string Title, string? Summary, string Locale, int? CategoryId, IReadOnlyList<string> Tags, double Rank, string Snippet);

public record SearchResponse(string Query, IReadOnlyList<SearchHit> Items);

public static class SearchApi
{
    public const int QueryMaxLength = 200;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public static RouteHandlerBuilder MapSearchApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/kb/search", Search).WithTags("Search").WithName("SearchArticles");

    /// <summary>Published articles ranked by relevance to q, each with a snippet of its text with the matches in &lt;mark&gt;.</summary>
    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search(
        KnowledgeBaseDbContext db, ArticleSearch search, IOptions<KnowledgeBaseOptions> options, CancellationToken ct,
        string? q = null, string? locale = null, int? category = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        errors.Required("q", q, QueryMaxLength);
        var wantedLocale = ArticlesApi.ReadLocale(locale, options.Value, errors, required: false);
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"'limit' must be between 1 and {MaxLimit}.");
        List<int>? categories = null;
        if (category is { } categoryId)
        {
            categories = await ArticlesApi.CategoryAndSectionsAsync(db, categoryId, ct);
            if (categories.Count == 0)
                errors.Add("category", $"Category {categoryId} does not exist.");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = q!.Trim();
        var terms = await search.QueryTermsAsync(query, ct);
        // Articles holding every term first, then, to fill the page, those holding some.
        var filter = new ArticleFilter(wantedLocale, categories);
        var take = limit ?? DefaultLimit;
        var ranked = (await search.RankAsync(terms, filter, take, ct, allTerms: true)).ToList();
        if (ranked.Count < take && terms.Count > 1)
            ranked.AddRange((await search.RankAsync(terms, filter, take, ct)).Where(r => ranked.All(a => a.ArticleId != r.ArticleId)).Take(take - ranked.Count));
        var ids = ranked.Select(r => r.ArticleId).ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Summary, a.Locale, a.CategoryId, a.Tags, a.Body }).ToDictionaryAsync(a => a.Id, ct);
        var hits = ranked.Where(r => articles.ContainsKey(r.ArticleId)).Select(r =>
        {
            var a = articles[r.ArticleId];
            return new SearchHit(a.Id, a.Title, a.Summary, a.Locale, a.CategoryId, a.Tags, Math.Round(r.Rank, 6),
                Snippets.Highlight(MarkdownRenderer.ToPlainText(a.Body), terms));
        }).ToList();
        return TypedResults.Ok(new SearchResponse(query, hits));
    }
}
