using System.Net;
using System.Net.Http.Json;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Answers;

/// <summary>The hand-off model: how it is fitted and its threshold chosen, and its recalibration from the askers' feedback.</summary>
public sealed class HandoffCalibrationTests
{
    private static AnswerEvidence Evidence(double coverage) => new(coverage, coverage, coverage / 2, coverage / 3, 1 - coverage, 6);

    /// <summary>40 questions the articles did not answer (coverage 0.05–0.44) and 40 they did (0.35–0.94): they overlap.</summary>
    private static List<LabelledEvidence> Overlapping() =>
    [
        .. Enumerable.Range(0, 40).Select(i => new LabelledEvidence(Evidence(0.05 + i * 0.01), Answered: false)),
        .. Enumerable.Range(0, 40).Select(i => new LabelledEvidence(Evidence(0.35 + i * 0.015), Answered: true)),
    ];

    [Fact]
    public void The_threshold_hands_off_the_chosen_share_of_unanswered_questions_and_spares_what_it_can()
    {
        var examples = Overlapping();

        var model = HandoffModel.Fit(examples, handoffShare: 0.85);

        var handedOff = examples.Where(e => model.HandsOff(model.Probability(e.Evidence))).ToList();
        Assert.Equal(34, handedOff.Count(e => !e.Answered)); // ⌈0.85 × 40⌉, no more
        Assert.All(handedOff.Where(e => e.Answered), e => Assert.True(e.Evidence.Coverage < 0.45, $"{e.Evidence.Coverage}"));
        var byCoverage = examples.OrderBy(e => e.Evidence.Coverage).Select(e => model.Probability(e.Evidence)).ToList();
        Assert.Equal(byCoverage.Order(), byCoverage); // more of the question covered, more likely answered
        Assert.True(model.Probability(Evidence(0.9)) > 0.9 && model.Probability(Evidence(0.05)) < 0.1);
        var again = HandoffModel.Fit(examples, 0.85); // deterministic
        Assert.Equal((model.Bias, model.Threshold), (again.Bias, again.Threshold));
        Assert.Equal(model.Weights, again.Weights);
    }

    [Fact]
    public void Calibration_needs_both_answered_and_unanswered_questions()
    {
        Assert.Throws<ArgumentException>(() => HandoffModel.Fit([new(Evidence(0.5), true), new(Evidence(0.7), true)], 0.85));
    }

    [Fact]
    public async Task Feedback_recalibrates_the_model_every_instance_then_uses()
    {
        await using var app = await KnowledgeBaseApp.StartAsync();
        using var admin = app.Client("admin");
        using var customer = app.Client("customer:7");
        await app.Client("agent:1").CreateArticleAsync("Gift wrapping", "Choose **gift wrapping** at checkout; the wrapping is free for orders over $30.");

        var shipped = await admin.GetFromJsonAsync<CalibrationResponse>("/api/kb/answers/calibration", KnowledgeBaseApp.Json);
        Assert.Equal((0, null, CurrentHandoff.ShippedQuestions.Count, 0), (shipped!.Version, shipped.FittedAt, shipped.LabelledQuestions, shipped.FeedbackAnswers));
        Assert.Equal(AnswerEvidence.FeatureNames, shipped.Weights.Keys);
        Assert.InRange(shipped.Threshold, 0.01, 0.99);
        Assert.True(shipped.UnansweredHandedOff >= shipped.HandoffShare, $"{shipped.UnansweredHandedOff}");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/kb/answers/calibration")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("agent:1").PostAsync("/api/kb/answers/calibration", null)).StatusCode);

        var wrapped = await customer.AskAsync("Is gift wrapping free?");
        var unrelated = await customer.AskAsync("Do you wrap furniture deliveries?");
        Assert.Equal((0, 0), (wrapped.CalibrationVersion, unrelated.CalibrationVersion));
        Assert.True(wrapped.AnswerProbability > unrelated.AnswerProbability, $"{wrapped.AnswerProbability} vs {unrelated.AnswerProbability}");
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsJsonAsync($"/api/kb/answers/{wrapped.Id}/feedback", new { solved = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsJsonAsync($"/api/kb/answers/{unrelated.Id}/feedback", new { solved = false })).StatusCode);

        var response = await admin.PostAsync("/api/kb/answers/calibration", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refitted = await response.ReadAsync<CalibrationResponse>();
        Assert.Equal((1, CurrentHandoff.ShippedQuestions.Count, 2), (refitted.Version, refitted.LabelledQuestions, refitted.FeedbackAnswers));
        Assert.NotNull(refitted.FittedAt);
        Assert.Equal(1, await app.CountAsync("handoff_calibrations"));
        Assert.Equal(1, (await customer.AskAsync("Is gift wrapping free?")).CalibrationVersion);
        Assert.Equal(1, (await admin.GetFromJsonAsync<CalibrationResponse>("/api/kb/answers/calibration", KnowledgeBaseApp.Json))!.Version);
    }
}
