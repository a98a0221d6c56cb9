using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Contracts;
using Support.Contracts.KnowledgeBase;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.KnowledgeBase.Data;
using Support.KnowledgeBase.Search;
using FromBodyAttribute = Microsoft.AspNetCore.Mvc.FromBodyAttribute;

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
/// Articles. Customers (X-Actor "customer") see published articles only; agents see every status. Every write keeps
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
        var actor = RequestActor.From(http, errors);
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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.ArticleVersions.Add(ArticleVersion.Of(article, Describe(actor), now));
        if (article.Status == ArticleStatus.Published)
        {
            await search.AddWordsAsync(article.Words(), ct);
            db.AddEvent(Published(article, actor, now), Aggregate(article.Id), now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        ETag.Set(response, article.Version);
        return TypedResults.Created($"/api/kb/articles/{article.Id}", ArticleResponse.From(article));
    }

    public static async Task<Results<Ok<Page<ArticleListItem>>, ValidationProblem>> List(
        KnowledgeBaseDbContext db, IOptions<KnowledgeBaseOptions> options, HttpRequest http, CancellationToken ct,
        string? status = null, string? locale = null, int? categoryId = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var actor = RequestActor.From(http, errors);
        var page = PageRequest.Read(limit, cursor, errors);
        var wantedLocale = ReadLocale(locale, options.Value, errors, required: false);
        ArticleStatus? wantedStatus = null;
        if (status is not null)
        {
            wantedStatus = Enum.GetValues<ArticleStatus>().Cast<ArticleStatus?>().FirstOrDefault(s => s!.Value.Wire() == status.Trim().ToLowerInvariant());
            if (wantedStatus is null)
                errors.Add("status", "'status' must be one of: draft, published, archived.");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.Articles.AsNoTracking();
        if (IsCustomer(actor))
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
        var errors = new ValidationErrors();
        var actor = RequestActor.From(http, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || (IsCustomer(actor) && article.Status != ArticleStatus.Published))
            return Problems.NotFound("Article", id);
        if (article.Status == ArticleStatus.Published && actor.Type is "customer" or "api")
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
            article.ViewCount++;
        }
        ETag.Set(response, article.Version);
        return TypedResults.Ok(ArticleResponse.From(article));
    }

    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        int id, [FromBody] JsonElement body, KnowledgeBaseDbContext db, ArticleSearch search, IOptions<KnowledgeBaseOptions> options,
        IOptions<JsonOptions> json, TimeProvider clock, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var actor = RequestActor.From(request, errors);
        var patch = JsonPatch.Read(body, json.Value.SerializerOptions, errors);
        if (patch is null)
            return Problems.Invalid(errors.ToDictionary());
        var setTitle = patch.TryGet("title", out string? title);
        var setBody = patch.TryGet("body", out string? markdown);
        var setSummary = patch.TryGet("summary", out string? summary, nullable: true);
        var setLocale = patch.TryGet("locale", out string? rawLocale);
        var setStatus = patch.TryGet("status", out ArticleStatus status);
        var setCategory = patch.TryGet("categoryId", out int? categoryId, nullable: true);
        var setTags = patch.TryGet("tags", out List<string>? rawTags);
        var setAuthor = patch.TryGet("author", out string? author, nullable: true);
        patch.RejectUnknownFields();
        if (setTitle) errors.Required("title", title, Article.TitleMaxLength);
        if (setBody) errors.RequiredMaxBytes("body", markdown, Article.BodyMaxBytes);
        if (setSummary) errors.MaxLength("summary", summary, Article.SummaryMaxLength);
        if (setAuthor) errors.MaxLength("author", author, Article.AuthorMaxLength);
        var locale = setLocale ? ReadLocale(rawLocale, options.Value, errors, required: true) : null;
        var tags = setTags ? ReadTags(rawTags, errors) : [];
        if (setCategory) await CheckCategoryAsync(db, categoryId, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        try
        {
            return await db.RetryOnConcurrencyAsync<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>>(async () =>
            {
                var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
                if (article is null)
                    return Problems.NotFound("Article", id);
                if (!ETag.Matches(request, article.Version))
                    return Problems.PreconditionFailed();
                var changed = new List<string>();
                void Set<T>(bool set, string field, T current, T value, Action<T> apply)
                {
                    if (!set || EqualityComparer<T>.Default.Equals(current, value)) return;
                    apply(value);
                    changed.Add(field);
                }
                var wasStatus = article.Status;
                Set(setTitle, "title", article.Title, title?.Trim(), v => article.Title = v!);
                Set(setBody, "body", article.Body, markdown, v => article.Body = v!);
                Set(setSummary, "summary", article.Summary, Blank(summary), v => article.Summary = v);
                Set(setLocale, "locale", article.Locale, locale, v => article.Locale = v!);
                Set(setStatus, "status", article.Status, status, v => article.Status = v);
                Set(setCategory, "categoryId", article.CategoryId, categoryId, v => article.CategoryId = v);
                Set(setAuthor, "author", article.Author, Blank(author), v => article.Author = v);
                if (setTags && !article.Tags.SequenceEqual(tags)) { article.Tags = tags; changed.Add("tags"); }
                if (changed.Count > 0)
                {
                    var now = clock.Now();
                    article.Refresh();
                    article.Version++;
                    article.UpdatedAt = now;
                    if (article.Status == ArticleStatus.Published && wasStatus != ArticleStatus.Published)
                        article.PublishedAt = now;
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    // The article's row first: its version check turns a lost race into a concurrency conflict (retried, then
                    // 412 on a stale If-Match). Saved together, EF may insert the version row first, and the loser would fail
                    // on the unique (ArticleId, Version) index instead: a 500.
                    await db.SaveChangesAsync(ct);
                    db.ArticleVersions.Add(ArticleVersion.Of(article, Describe(actor), now));
                    db.AddEvent(new ArticleUpdated(article.Id, article.Version, article.Title, article.Locale, article.Status.Wire(), changed, actor, now),
                        Aggregate(article.Id), now);
                    if (article.Status == ArticleStatus.Published)
                        await search.AddWordsAsync(article.Words(), ct);
                    if (article.Status == ArticleStatus.Published && wasStatus != ArticleStatus.Published)
                        db.AddEvent(Published(article, actor, now), Aggregate(article.Id), now);
                    if (article.Status == ArticleStatus.Archived && wasStatus != ArticleStatus.Archived)
                        db.AddEvent(new ArticleArchived(article.Id, article.Version, actor, now), Aggregate(article.Id), now);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }
                ETag.Set(response, article.Version);
                return TypedResults.Ok(ArticleResponse.From(article));
            }, ct, attempts: MaxEditAttempts);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditConflict(id);
        }
    }

    /// <summary>Every version of the article, newest first (agents only).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ArticleVersionResponse>>, ValidationProblem, ProblemHttpResult>> Versions(
        int id, KnowledgeBaseDbContext db, HttpRequest http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var actor = RequestActor.From(http, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (IsCustomer(actor) || !await db.Articles.AnyAsync(a => a.Id == id, ct))
            return Problems.NotFound("Article", id);
        var versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ArticleVersionResponse>>(versions.Select(ArticleVersionResponse.From).ToList());
    }

    public static async Task<Results<Ok<ArticleVersionResponse>, ValidationProblem, ProblemHttpResult>> Version(
        int id, int version, KnowledgeBaseDbContext db, HttpRequest http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var actor = RequestActor.From(http, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var found = IsCustomer(actor) ? null : await db.ArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Version == version, ct);
        return found is null ? Problems.NotFound($"Version {version} of article", id) : TypedResults.Ok(ArticleVersionResponse.From(found));
    }

    /// <summary>A reader's vote on whether a published article helped: each request counts once.</summary>
    public static async Task<Results<Ok<VoteResponse>, ValidationProblem, ProblemHttpResult>> Vote(
        int id, VoteRequest request, KnowledgeBaseDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Helpful is not { } helpful)
            return Problems.Invalid(new Dictionary<string, string[]> { ["helpful"] = ["'helpful' is required: true or false."] });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(votes);
    }

    /// <summary>
    /// Tries of an edit that keeps losing to concurrent edits of the same article: without If-Match each try re-reads and
    /// reapplies, so N concurrent editors need at most N tries. Beyond that, a 409 (never a 500).
    /// </summary>
    private const int MaxEditAttempts = 10;

    private static ProblemHttpResult EditConflict(int id) =>
        Problems.Conflict($"Article {id} is being changed by others at the same time.", "Read it again and reapply your change.");

    public static bool IsCustomer(Actor actor) => actor.Type == "customer";

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

    private static List<string> ReadTags(List<string>? tags, ValidationErrors errors)
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Describe(Actor actor) => actor.Id is null ? actor.Type : $"{actor.Type}:{actor.Id}";

    private static string Aggregate(int articleId) => $"article/{articleId}";

    private static ArticlePublished Published(Article a, Actor actor, DateTimeOffset now) =>
        new(a.Id, a.Version, a.Title, a.Locale, a.CategoryId, a.Tags, actor, now);
}
