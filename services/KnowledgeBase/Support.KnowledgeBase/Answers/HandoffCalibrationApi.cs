using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Answers;

/// <summary>The hand-off model: its weights (per standardised feature), threshold, what it was fitted to and how it does there.</summary>
public record CalibrationResponse(
    int Version, DateTimeOffset? FittedAt, int LabelledQuestions, int FeedbackAnswers, double HandoffShare, double Threshold,
    IReadOnlyDictionary<string, double> Weights, double AnsweredHandedOff, double UnansweredHandedOff)
{
    public static CalibrationResponse Of(HandoffCalibration c) => new(
        c.Version, c.FittedAt, c.LabelledQuestions, c.FeedbackAnswers, c.Model.HandoffShare, c.Model.Threshold,
        AnswerEvidence.FeatureNames.Zip(c.Model.Weights).ToDictionary(p => p.First, p => Math.Round(p.Second, 4)),
        c.AnsweredHandedOff, c.UnansweredHandedOff);
}

public static class HandoffCalibrationApi
{
    /// <summary>Recalibration learns from at most this many of the newest answers with feedback, so it stays quick.</summary>
    public const int MaxFeedbackAnswers = 20_000;

    public static RouteGroupBuilder MapHandoffCalibrationApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/answers/calibration").WithTags("Answer bot");
        api.MapGet("/", Get).WithName("GetHandoffCalibration").WithSummary("The hand-off model the answer bot uses");
        api.MapPost("/", Recalibrate).WithName("RecalibrateHandoff")
            .WithSummary("Refits the hand-off model to the shipped labelled questions and the askers' feedback");
        return api;
    }

    public static async Task<Ok<CalibrationResponse>> Get(CurrentHandoff handoffs, KnowledgeBaseDbContext db, CancellationToken ct) =>
        TypedResults.Ok(CalibrationResponse.Of(await handoffs.ModelAsync(db, ct)));

    /// <summary>Each answer whose asker said whether it solved the question is a labelled question: solved means answered.</summary>
    public static async Task<Ok<CalibrationResponse>> Recalibrate(CurrentHandoff handoffs, KnowledgeBaseDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var feedback = await db.Answers.AsNoTracking().Where(a => a.Deflected != null && a.Evidence != null)
            .OrderByDescending(a => a.FeedbackAt).Take(MaxFeedbackAnswers)
            .Select(a => new { a.Evidence, a.Deflected }).ToListAsync(ct);
        var calibration = HandoffCalibration.Fit(
            [.. CurrentHandoff.ShippedQuestions.Select(q => q.Labelled)], [.. feedback.Select(f => new LabelledEvidence(f.Evidence!, f.Deflected!.Value))],
            handoffs.HandoffShare, clock.Now());
        db.HandoffCalibrations.Add(calibration);
        await db.SaveChangesAsync(ct);
        handoffs.Use(calibration);
        return TypedResults.Ok(CalibrationResponse.Of(calibration));
    }
}
