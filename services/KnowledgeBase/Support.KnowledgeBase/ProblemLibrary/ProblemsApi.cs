using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.ProblemLibrary;

public record CreateProblemRequest(string? Title, List<string>? Symptoms, string? Solution, int? ArticleId);

/// <summary>The body of PATCH /api/kb/problems/{id}: send only the fields to change (null clears the article).</summary>
public record UpdateProblemRequest(string? Title, List<string>? Symptoms, string? Solution, int? ArticleId);

public record ProblemResponse(int Id, string Title, IReadOnlyList<string> Symptoms, string Solution, int? ArticleId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProblemResponse From(Problem p) => new(p.Id, p.Title, p.Symptoms, p.Solution, p.ArticleId, p.CreatedAt, p.UpdatedAt);
}

public record DiagnoseRequest(List<string>? Symptoms, string? Text);

public record DiagnosedProblem(int Id, string Title, string Solution, int? ArticleId, double Score, IReadOnlyList<MatchedSymptom> MatchedSymptoms);

/// <summary>Matching known problems, best first; when none matches, Escalate is true and Recommendation says to whom.</summary>
public record DiagnoseResponse(IReadOnlyList<DiagnosedProblem> Problems, bool Escalate, string? Recommendation);

/// <summary>The problem library: known problems with their symptoms and solution, and the diagnosis over them.</summary>
public static class ProblemsApi
{
    public const int MaxReportedSymptoms = 20;
    public const int TextMaxLength = 2000;
    public const int MaxResults = 5;

    public static IEndpointRouteBuilder MapProblemsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/problems").WithTags("Problem library");
        api.MapPost("/", Create).WithName("CreateProblem");
        api.MapGet("/", List).WithName("ListProblems");
        api.MapGet("/{id:int}", Get).WithName("GetProblem").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateProblem").Accepts<UpdateProblemRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapDelete("/{id:int}", Delete).WithName("DeleteProblem").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        routes.MapPost("/api/kb/diagnose", Diagnose).WithTags("Problem library").WithName("Diagnose");
        return routes;
    }

    public static async Task<Results<Created<ProblemResponse>, ValidationProblem>> Create(
        CreateProblemRequest request, KnowledgeBaseDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("title", request.Title, Problem.TitleMaxLength);
        errors.Required("solution", request.Solution, Problem.SolutionMaxLength);
        var symptoms = ReadSymptoms(request.Symptoms, errors);
        await CheckArticleAsync(db, request.ArticleId, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var now = clock.Now();
        var problem = new Problem
        {
            Title = request.Title!.Trim(), Symptoms = symptoms, Solution = request.Solution!.Trim(), ArticleId = request.ArticleId,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Problems.Add(problem);
        await db.SaveChangesAsync(ct);
        ETag.Set(response, problem.Version);
        return TypedResults.Created($"/api/kb/problems/{problem.Id}", ProblemResponse.From(problem));
    }

    public static async Task<Results<Ok<Page<ProblemResponse>>, ValidationProblem>> List(
        KnowledgeBaseDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var after = page.After ?? 0;
        var rows = await db.Problems.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, p => p.Id, ProblemResponse.From));
    }

    public static async Task<Results<Ok<ProblemResponse>, ProblemHttpResult>> Get(int id, KnowledgeBaseDbContext db, HttpResponse response, CancellationToken ct)
    {
        var problem = await db.Problems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null)
            return Problems.NotFound("Problem", id);
        ETag.Set(response, problem.Version);
        return TypedResults.Ok(ProblemResponse.From(problem));
    }

    /// <summary>Changes title, symptoms, solution or articleId (null clears it).</summary>
    public static Task<Results<Ok<ProblemResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, KnowledgeBaseDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Problem, ProblemChange>
        {
            Resource = "Problem",
            Read = ProblemChange.Read,
            CheckAsync = (change, errors, ct) => change.ArticleId.IsSet ? CheckArticleAsync(db, change.ArticleId.Value, errors, ct) : Task.CompletedTask,
            Apply = (problem, change, _) => change.ApplyTo(problem),
        }, ProblemResponse.From);

    /// <summary>Removes a problem from the library (one that is solved for good, or was recorded by mistake).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, KnowledgeBaseDbContext db, HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await db.RetryOnConcurrencyAsync<Results<NoContent, ProblemHttpResult>>(async () =>
            {
                var problem = await db.Problems.FirstOrDefaultAsync(p => p.Id == id, ct);
                if (problem is null)
                    return Problems.NotFound("Problem", id);
                if (!ETag.Matches(request, problem.Version))
                    return Problems.PreconditionFailed();
                db.Problems.Remove(problem);
                await db.SaveChangesAsync(ct);
                return TypedResults.NoContent();
            }, ct, attempts: MergePatch.MaxAttempts);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"Problem {id} is being changed by others at the same time.", "Read it again and reapply your change.");
        }
    }

    /// <summary>The known problems matching the reported symptoms (a list of phrases) or a free-text description.</summary>
    public static async Task<Results<Ok<DiagnoseResponse>, ValidationProblem>> Diagnose(DiagnoseRequest request, KnowledgeBaseDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if ((request.Symptoms is null) == (request.Text is null))
            errors.Add("symptoms", "Send either 'symptoms' (a list of short phrases) or 'text', not both.");
        if (request.Symptoms is { } list)
        {
            if (list.Count is 0 or > MaxReportedSymptoms || list.Any(string.IsNullOrWhiteSpace))
                errors.Add("symptoms", $"'symptoms' must hold 1 to {MaxReportedSymptoms} non-empty phrases.");
            if (list.Any(s => s?.Length > Problem.SymptomMaxLength))
                errors.Add("symptoms", $"Each symptom must be at most {Problem.SymptomMaxLength} characters.");
        }
        if (request.Text is not null)
            errors.Required("text", request.Text, TextMaxLength);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        // The library is a curated list (hundreds of problems at most), matched in memory.
        var problems = await db.Problems.AsNoTracking().ToListAsync(ct);
        var reported = request.Symptoms ?? [request.Text!];
        var matches = Diagnosis.Rank(problems, reported).Take(MaxResults)
            .Select(m => new DiagnosedProblem(m.Problem.Id, m.Problem.Title, m.Problem.Solution, m.Problem.ArticleId, m.Score, m.Matched)).ToList();
        return TypedResults.Ok(matches.Count > 0
            ? new DiagnoseResponse(matches, Escalate: false, null)
            : new DiagnoseResponse([], Escalate: true, "No known problem matches these symptoms: escalate the ticket to advanced support (a higher-tier group)."));
    }

    internal static List<string> ReadSymptoms(List<string>? symptoms, ValidationErrors errors)
    {
        var result = (symptoms ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (result.Count is 0 or > Problem.MaxSymptoms)
            errors.Add("symptoms", $"'symptoms' must hold 1 to {Problem.MaxSymptoms} phrases.");
        if (result.Any(s => s.Length == 0 || s.Length > Problem.SymptomMaxLength))
            errors.Add("symptoms", $"Each symptom must be 1 to {Problem.SymptomMaxLength} characters.");
        return result;
    }

    private static async Task CheckArticleAsync(KnowledgeBaseDbContext db, int? articleId, ValidationErrors errors, CancellationToken ct)
    {
        if (articleId is { } id && !await db.Articles.AnyAsync(a => a.Id == id, ct))
            errors.Add("articleId", $"Article {id} does not exist.");
    }
}
