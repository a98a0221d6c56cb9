using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Contracts.KnowledgeBase;
using Support.Contracts;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.Hosting.Text;
using Support.KnowledgeBase.Data;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Articles;

public record CreateArticleRequest(
    string? Title, string? Body, string? Summary, string? Locale, ArticleStatus? Status, int? CategoryId, List<string>? Tags, string? Author);

/// <summary>The body of PATCH /api/kb/articles/{id}: send only the fields to change (null clears summary, category or author).</summary>
public record UpdateArticleRequest(
    string? Title, string? Body, string? Summary, string? Locale, ArticleStatus? Status, int? CategoryId, List<string>? Tags, string? Author);

public record VoteRequest(bool? Helpful);

public record ArticleResponse(
    int Id, string Title, string Body, string BodyHtml, string? Summary, int? CategoryId, IReadOnlyList<string> Tags, string Locale,
    ArticleStatus Status, string? Author, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    int ViewCount, int HelpfulVotes, int NotHelpfulVotes)
{
    public static ArticleResponse From(Article a) => new(
        a.Id, a.Title, a.Body, a.BodyHtml, a.Summary, a.CategoryId, a.Tags, a.Locale, a.Status, a.Author, a.Version, a.CreatedAt,
        a.UpdatedAt, a.PublishedAt, a.ViewCount, a.HelpfulVotes, a.NotHelpfulVotes);
}

/// <summary>An article in a list: everything but its body.</summary>
public record ArticleListItem(
    int Id, string Title, string? Summary, int? CategoryId, IReadOnlyList<string> Tags, string Locale, ArticleStatus Status, string? Author,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, int ViewCount, int HelpfulVotes, int NotHelpfulVotes);

public record ArticleVersionResponse(
    int Version, string Title, string Body, string? Summary, int? CategoryId, IReadOnlyList<string> Tags, string Locale, ArticleStatus Status,
    string? Author, string EditedBy, DateTimeOffset EditedAt)
{
    public static ArticleVersionResponse From(ArticleVersion v) =>
        new(v.Version, v.Title, v.Body, v.Summary, v.CategoryId, v.Tags, v.Locale, v.Status, v.Author, v.EditedBy, v.EditedAt);
}

public record VoteResponse(int ArticleId, int HelpfulVotes, int NotHelpfulVotes);

/// <summary>
/// Articles. Customers (signed in as one) see published articles only; agents see every status. Every write keeps
/// the article as it was written as a version.
/// </summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticlesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/articles").WithTags("Articles");
        api.MapPost("/", Create).WithName("CreateArticle");
        api.MapGet("/", List).WithName("ListArticles");
        api.MapGet("/{id:int}", Get).WithName("GetArticle").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateArticle").Accepts<UpdateArticleRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapGet("/{id:int}/versions", Versions).WithName("ListArticleVersions").ProducesProblem(404);
        api.MapGet("/{id:int}/versions/{version:int}", Version).WithName("GetArticleVersion").ProducesProblem(404);
        api.MapPost("/{id:int}/votes", Vote).WithName("VoteOnArticle").ProducesProblem(404);
        return api;
    }

    public static async Task<Results<Created<ArticleResponse>, ValidationProblem>> Create(
        CreateArticleRequest request, KnowledgeBaseDbContext db, ArticleSearch search, IOptions<KnowledgeBaseOptions> options,
        TimeProvider clock, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var actor = RequestActor.From(http);
        errors.Required("title", request.Title, Article.TitleMaxLength);
        errors.RequiredMaxBytes("body", request.Body, Article.BodyMaxBytes);
        errors.MaxLength("summary", request.Summary, Article.SummaryMaxLength);
        errors.MaxLength("author", request.Author, Article.AuthorMaxLength);
        var locale = ReadLocale(request.Locale, options.Value, errors, required: true);
        var tags = ReadTags(request.Tags, errors);
        await CheckCategoryAsync(db, request.CategoryId, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var article = new Article
        {
            Title = request.Title!.Trim(), Body = request.Body!, BodyHtml = "", Summary = Blank(request.Summary), CategoryId = request.CategoryId,
            Tags = tags, Locale = locale!, Status = request.Status ?? ArticleStatus.Draft, Author = Blank(request.Author),
            CreatedAt = now, UpdatedAt = now, PublishedAt = request.Status == ArticleStatus.Published ? now : null,
        };
        article.Refresh();
        db.Articles.Add(article);
        await using var change = await db.BeginChangeAsync(ct);
        await change.SaveAsync(ct);
        db.ArticleVersions.Add(ArticleVersion.Of(article, Describe(actor), now));
        if (article.Status == ArticleStatus.Published)
        {
            await search.AddWordsAsync(article.Words(), ct);
            db.AddEvent(Published(article, actor, now), Aggregate(article.Id), now);
        }
        await change.CommitAsync(ct);
        ETag.Set(response, article.Version);
        return TypedResults.Created($"/api/kb/articles/{article.Id}", ArticleResponse.From(article));
    }

    public static async Task<Results<Ok<Page<ArticleListItem>>, ValidationProblem>> List(
        KnowledgeBaseDbContext db, IOptions<KnowledgeBaseOptions> options, HttpRequest http, CancellationToken ct,
        string? status = null, string? locale = null, int? categoryId = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        var wantedLocale = ReadLocale(locale, options.Value, errors, required: false);
        ArticleStatus? wantedStatus = null;
        if (status is not null)
        {
            wantedStatus = EnumText.Parse<ArticleStatus>(status);
            if (wantedStatus is null)
                errors.Add("status", $"'status' must be one of: {EnumText.Allowed<ArticleStatus>()}.");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.Articles.AsNoTracking();
        if (http.HttpContext.User.IsCustomer())
            query = query.Where(a => a.Status == ArticleStatus.Published);
        if (wantedStatus is { } s2)
            query = query.Where(a => a.Status == s2);
        if (wantedLocale is not null)
            query = query.Where(a => a.Locale == wantedLocale);
        if (categoryId is { } category)
        {
            var ids = await CategoryAndSectionsAsync(db, category, ct);
            query = query.Where(a => a.CategoryId != null && ids.Contains(a.CategoryId.Value));
        }
        if (page.After is { } after)
            query = query.Where(a => a.Id < after);
        var rows = await query.OrderByDescending(a => a.Id).Take(page.Take + 1)
            .Select(a => new ArticleListItem(a.Id, a.Title, a.Summary, a.CategoryId, a.Tags, a.Locale, a.Status, a.Author, a.Version,
                a.CreatedAt, a.UpdatedAt, a.PublishedAt, a.ViewCount, a.HelpfulVotes, a.NotHelpfulVotes))
            .ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, a => a.Id, a => a));
    }

    /// <summary>The article; a customer's read of a published article counts one view.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Get(
        int id, KnowledgeBaseDbContext db, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var actor = RequestActor.From(http);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || (http.HttpContext.User.IsCustomer() && article.Status != ArticleStatus.Published))
            return Problems.NotFound("Article", id);
        if (article.Status == ArticleStatus.Published && actor.Type is "customer" or "integration")
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
            article.ViewCount++;
        }
        ETag.Set(response, article.Version);
        return TypedResults.Ok(ArticleResponse.From(article));
    }

    /// <summary>
    /// Changes any field (null clears summary, category or author); each change is kept as a version and announced, and
    /// publishing or archiving is announced as such.
    /// </summary>
    public static Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, KnowledgeBaseDbContext db, ArticleSearch search, IOptions<KnowledgeBaseOptions> options) =>
        patch.UpdateAsync(db, new MergePatch<Article, (Actor Actor, ArticleChange Change)>
        {
            Resource = "Article",
            Read = (fields, errors) => (RequestActor.From(patch.Request), ArticleChange.Read(fields, errors, options.Value)),
            CheckAsync = (request, errors, ct) =>
                request.Change.CategoryId.IsSet ? CheckCategoryAsync(db, request.Change.CategoryId.Value, errors, ct) : Task.CompletedTask,
            Apply = (article, request, edit) => request.Change.ApplyTo(article, edit),
            RecordAsync = async (article, request, edit, ct) =>
            {
                var (actor, now, aggregate) = (request.Actor, edit.Now, Aggregate(article.Id));
                var statusChanged = edit.ChangedFields.Contains("status");
                db.ArticleVersions.Add(ArticleVersion.Of(article, Describe(actor), now));
                db.AddEvent(new ArticleUpdated(article.Id, article.Version, article.Title, article.Locale, article.Status.Wire(), edit.ChangedFields, actor, now),
                    aggregate, now);
                if (article.Status == ArticleStatus.Published)
                    await search.AddWordsAsync(article.Words(), ct);
                if (statusChanged && article.Status == ArticleStatus.Published)
                    db.AddEvent(Published(article, actor, now), aggregate, now);
                if (statusChanged && article.Status == ArticleStatus.Archived)
                    db.AddEvent(new ArticleArchived(article.Id, article.Version, actor, now), aggregate, now);
            },
        }, ArticleResponse.From);

    /// <summary>Every version of the article, newest first (agents only).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ArticleVersionResponse>>, ValidationProblem, ProblemHttpResult>> Versions(
        int id, KnowledgeBaseDbContext db, HttpRequest http, CancellationToken ct)
    {
        if (http.HttpContext.User.IsCustomer() || !await db.Articles.AnyAsync(a => a.Id == id, ct))
            return Problems.NotFound("Article", id);
        var versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ArticleVersionResponse>>(versions.Select(ArticleVersionResponse.From).ToList());
    }

    public static async Task<Results<Ok<ArticleVersionResponse>, ValidationProblem, ProblemHttpResult>> Version(
        int id, int version, KnowledgeBaseDbContext db, HttpRequest http, CancellationToken ct)
    {
        var found = http.HttpContext.User.IsCustomer() ? null : await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == version, ct);
        return found is null ? Problems.NotFound($"Version {version} of article", id) : TypedResults.Ok(ArticleVersionResponse.From(found));
    }

    /// <summary>A reader's vote on whether a published article helped: each request counts once.</summary>
    public static async Task<Results<Ok<VoteResponse>, ValidationProblem, ProblemHttpResult>> Vote(
        int id, VoteRequest request, KnowledgeBaseDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Helpful is not { } helpful)
            return Problems.Invalid(new Dictionary<string, string[]> { ["helpful"] = ["'helpful' is required: true or false."] });
        await using var change = await db.BeginChangeAsync(ct);
        var updated = helpful
            ? await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.HelpfulVotes, a => a.HelpfulVotes + 1), ct)
            : await db.Articles.Where(a => a.Id == id && a.Status == ArticleStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.NotHelpfulVotes, a => a.NotHelpfulVotes + 1), ct);
        if (updated == 0)
            return Problems.NotFound("Article", id);
        var votes = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new VoteResponse(a.Id, a.HelpfulVotes, a.NotHelpfulVotes)).FirstAsync(ct);
        var now = clock.Now();
        db.AddEvent(new ArticleFeedbackGiven(id, helpful, votes.HelpfulVotes, votes.NotHelpfulVotes, now), Aggregate(id), now);
        await change.CommitAsync(ct);
        return TypedResults.Ok(votes);
    }

    public static string? ReadLocale(string? locale, KnowledgeBaseOptions options, ValidationErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            if (required)
                errors.Add("locale", $"'locale' is required: one of {string.Join(", ", options.Locales)}.");
            return null;
        }
        var canonical = options.Canonical(locale);
        if (canonical is null)
            errors.Add("locale", $"'locale' must be one of {string.Join(", ", options.Locales)}.");
        return canonical;
    }

    /// <summary>A category and its sections: filtering by a category finds the articles filed under any of them.</summary>
    public static async Task<List<int>> CategoryAndSectionsAsync(KnowledgeBaseDbContext db, int categoryId, CancellationToken ct) =>
        await db.Categories.Where(c => c.Id == categoryId || c.ParentId == categoryId).Select(c => c.Id).ToListAsync(ct);

    internal static List<string> ReadTags(List<string>? tags, ValidationErrors errors)
    {
        var result = (tags ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (result.Count > Article.MaxTags)
            errors.Add("tags", $"'tags' may hold at most {Article.MaxTags} tags.");
        if (result.Any(t => t.Length == 0 || t.Length > Article.TagMaxLength))
            errors.Add("tags", $"Each tag must be 1 to {Article.TagMaxLength} characters.");
        return result;
    }

    private static async Task CheckCategoryAsync(KnowledgeBaseDbContext db, int? categoryId, ValidationErrors errors, CancellationToken ct)
    {
        if (categoryId is { } id && !await db.Categories.AnyAsync(c => c.Id == id, ct))
            errors.Add("categoryId", $"Category {id} does not exist.");
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Describe(Actor actor) => actor.Id is null ? actor.Type : $"{actor.Type}:{actor.Id}";

    private static string Aggregate(int articleId) => $"article/{articleId}";

    private static ArticlePublished Published(Article a, Actor actor, DateTimeOffset now) =>
        new(a.Id, a.Version, a.Title, a.Locale, a.CategoryId, a.Tags, actor, now);
}
