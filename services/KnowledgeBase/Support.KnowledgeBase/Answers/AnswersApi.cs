using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.KnowledgeBase;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Data;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Answers;

public record AskRequest(string? Question, string? Locale);

public record AnsweredArticle(int Id, string Title, string? Summary, string Locale, double Confidence, string Snippet);

/// <summary>
/// The bot's answer: the best articles, best first (Confidence: the best one's); AnswerProbability: how likely they
/// answer the question, from the evidence; handoff when that is below the calibrated threshold.
/// </summary>
public record AnswerResponse(
    Guid Id, string Question, string Locale, IReadOnlyList<AnsweredArticle> Articles, double Confidence, double AnswerProbability, bool Handoff,
    AnswerEvidence Evidence, int CalibrationVersion);

public record FeedbackRequest(bool? Solved);

public record FeedbackResponse(Guid Id, bool Deflected, DateTimeOffset FeedbackAt);

public static class AnswersApi
{
    public const int MaxArticles = 3;

    public static RouteGroupBuilder MapAnswersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/answers").WithTags("Answer bot");
        api.MapPost("/", Ask).WithName("AskAnswerBot");
        api.MapPost("/{id:guid}/feedback", Feedback).WithName("GiveAnswerFeedback").ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    public static async Task<Results<Ok<AnswerResponse>, ValidationProblem>> Ask(
        AskRequest request, AnswerBot bot, CurrentHandoff handoffs, KnowledgeBaseDbContext db, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("question", request.Question, Answer.QuestionMaxLength);
        var locale = request.Locale is null ? null : ArticlesApi.ReadLocale(request.Locale, bot.Options, errors, required: true);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var question = request.Question!.Trim();
        locale ??= bot.LocaleOf(question);
        var found = await bot.FindAsync(question, locale, MaxArticles, ct);
        var (matches, evidence) = (found.Matches, found.Evidence);
        var top = matches.Count > 0 ? matches[0].Confidence : 0;
        var calibration = await handoffs.ModelAsync(db, ct);
        var probability = matches.Count > 0 ? calibration.Model.Probability(evidence) : 0;
        var handoff = matches.Count == 0 || calibration.Model.HandsOff(probability);
        var now = clock.Now();
        var answer = new Answer
        {
            Id = Guid.CreateVersion7(now), Question = question, Locale = locale, ArticleIds = matches.Select(m => m.Article.Id).ToList(),
            TopConfidence = top, Evidence = evidence, AnswerProbability = probability, Handoff = handoff, AskedAt = now, CustomerId = http.HttpContext.User.IsCustomer() ? http.HttpContext.User.CustomerId() : null,
        };
        db.Answers.Add(answer);
        db.AddEvent(Event(answer, now), $"answer/{answer.Id}", now);
        await db.SaveChangesAsync(ct);
        var articles = matches.Select(m => new AnsweredArticle(m.Article.Id, m.Article.Title, m.Article.Summary, m.Article.Locale, m.Confidence,
            Snippets.Highlight(MarkdownRenderer.ToPlainText(m.Article.Body), m.Terms))).ToList();
        return TypedResults.Ok(new AnswerResponse(answer.Id, question, locale, articles, top, probability, handoff, evidence, calibration.Version));
    }

    /// <summary>Whether the answer solved the question (a deflected ticket): given once per answer.</summary>
    public static async Task<Results<Ok<FeedbackResponse>, ValidationProblem, ProblemHttpResult>> Feedback(
        Guid id, FeedbackRequest request, KnowledgeBaseDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Solved is not { } solved)
            return Problems.Invalid(new Dictionary<string, string[]> { ["solved"] = ["'solved' is required: true or false."] });
        var now = clock.Now();
        await using var change = await db.BeginChangeAsync(ct);
        var updated = await db.Answers.Where(a => a.Id == id && a.Deflected == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Deflected, solved).SetProperty(a => a.FeedbackAt, now), ct);
        var answer = await db.Answers.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (answer is null)
            return Problems.NotFound("Answer", id);
        if (updated == 0)
            return Problems.Conflict($"Answer {id} already has its feedback.", $"It was given at {answer.FeedbackAt:O}: {(answer.Deflected == true ? "solved" : "not solved")}.");
        db.AddEvent(Event(answer, now), $"answer/{answer.Id}", now);
        await change.CommitAsync(ct);
        return TypedResults.Ok(new FeedbackResponse(id, solved, now));
    }

    private static QuestionAnswered Event(Answer a, DateTimeOffset now) =>
        new(a.Id, a.Locale, Matched: !a.Handoff, a.Handoff, a.ArticleIds, a.TopConfidence, a.Deflected, a.AskedAt, now);
}
