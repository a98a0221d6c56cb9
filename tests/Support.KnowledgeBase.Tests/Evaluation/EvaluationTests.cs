using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.KnowledgeBase.Tests.Evaluation;

/// <summary>
/// The answer bot's quality on a labelled set (Evaluation/kb-eval.json): bilingual help-centre articles and customer
/// questions, each labelled with the article that answers it or none. Reports top-1, top-3, mean reciprocal rank and
/// the hand-offs, by language and kind: as served (the hand-off model is fitted to these very questions, shipped as
/// Answers/handoff-questions.json) and cross-validated (fitted to four fifths, deciding the fifth it never saw), and
/// holds the floors: top-3 ≥ 90%; on PostgreSQL as served, unanswerable questions handed off at least as often as the
/// operating point the threshold is chosen for (85%); cross-validated, unanswerable questions handed off ≥ 80% while
/// answerable ones are handed off ≤ 27%.
/// </summary>
public sealed class EvaluationTests(ITestOutputHelper output)
{
    public const double TopThreeTarget = 0.90;
    public const double HandoffTarget = 0.80;
    public const double FalseHandoffCeiling = 0.27;
    private const int Folds = 5;

    /// <summary>Set to the source path of Answers/handoff-questions.json to write the questions' evidence there.</summary>
    public const string WriteShippedQuestions = "SUPPORT_WRITE_HANDOFF_QUESTIONS";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_answer_bot_meets_its_targets_on_the_evaluation_set(bool sqlite)
    {
        var set = EvaluationSet.Load();
        await using var app = await KnowledgeBaseApp.StartAsync(sqlite);
        using var client = app.Client("agent:1");
        var ids = new Dictionary<string, int>();
        foreach (var article in set.Articles)
            ids[article.Key] = (await client.CreateArticleAsync(article.Title, article.Body, article.Locale, "published", article.Tags, article.Summary)).Id;

        var results = new List<(EvaluationQuestion Question, int Rank, AnswerResponse Answer)>();
        foreach (var question in set.Questions)
        {
            var answer = await client.AskAsync(question.Question, question.Locale);
            var rank = question.Article is null ? 0 : answer.Articles.Select(a => a.Id).ToList().IndexOf(ids[question.Article]) + 1;
            results.Add((question, rank, answer));
        }
        List<CalibrationQuestion> labelled = [.. results.Select(r => new CalibrationQuestion(r.Question.Question, r.Question.Locale, r.Question.Kind, r.Rank > 0, r.Answer.Evidence))];
        var share = app.Services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.HandoffShare;
        var crossValidated = CrossValidatedHandoffs(labelled, share);

        var served = EvaluationReport.Of(results.Select(r => (r.Question.Locale, r.Question.Kind, r.Question.Article is not null, r.Rank, r.Answer.Handoff)));
        var unseen = EvaluationReport.Of(results.Select((r, i) => (r.Question.Locale, r.Question.Kind, r.Question.Article is not null, r.Rank, crossValidated[i])));
        output.WriteLine($"Answer bot on {(sqlite ? "SQLite FTS5" : "PostgreSQL")}: {set.Articles.Count} articles, {set.Questions.Count} questions");
        output.WriteLine($"As served (hand-off model version {results[0].Answer.CalibrationVersion}, fitted to these questions):");
        output.WriteLine(served.Table);
        output.WriteLine($"Hand-offs cross-validated ({Folds} folds: fitted to the others, deciding questions it never saw):");
        output.WriteLine(unseen.Table);
        foreach (var (miss, i) in results.Select((r, i) => (r, i))
            .Where(p => p.r.Question.Article is not null && (p.r.Rank is 0 || crossValidated[p.i]) || p.r.Question.Article is null && !crossValidated[p.i]))
            output.WriteLine($"  miss [{miss.Question.Kind}] {miss.Question.Question} → expected {miss.Question.Article ?? "handoff"}, rank {miss.Rank}, "
                + $"p {miss.Answer.AnswerProbability}, handed off {crossValidated[i]}");

        if (!sqlite)
            CheckShippedQuestions(labelled);
        Assert.True(served.Overall.TopThree >= TopThreeTarget, $"Top-3 accuracy {served.Overall.TopThree:P1} is below {TopThreeTarget:P0}.\n{served.Table}");
        if (!sqlite)
            Assert.True(served.Overall.Handoff >= share, $"Unanswerable questions handed off {served.Overall.Handoff:P1} as served, below {share:P0}.\n{served.Table}");
        Assert.True(unseen.Overall.Handoff >= HandoffTarget, $"Unanswerable questions handed off {unseen.Overall.Handoff:P1}, below {HandoffTarget:P0}.\n{unseen.Table}");
        Assert.True(unseen.Overall.FalseHandoff <= FalseHandoffCeiling,
            $"Answerable questions handed off {unseen.Overall.FalseHandoff:P1}, above {FalseHandoffCeiling:P0}.\n{unseen.Table}");
    }

    /// <summary>For each question, whether a model fitted to the other folds' questions hands it off (fold = index mod 5).</summary>
    private static bool[] CrossValidatedHandoffs(IReadOnlyList<CalibrationQuestion> questions, double share)
    {
        var handoffs = new bool[questions.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var model = HandoffModel.Fit([.. questions.Where((_, i) => i % Folds != fold).Select(q => q.Labelled)], share);
            for (var i = fold; i < questions.Count; i += Folds)
                handoffs[i] = model.HandsOff(model.Probability(questions[i].Evidence));
        }
        return handoffs;
    }

    /// <summary>
    /// The shipped questions must be these, with the evidence the bot measures now: a change to search or to the
    /// evidence changes what the hand-off model learns from, so the shipped file is rewritten with it.
    /// </summary>
    private void CheckShippedQuestions(IReadOnlyList<CalibrationQuestion> labelled)
    {
        var json = JsonSerializer.Serialize(labelled, ShippedJson);
        if (Environment.GetEnvironmentVariable(WriteShippedQuestions) is { Length: > 0 } path)
        {
            File.WriteAllText(path, json + "\n");
            output.WriteLine($"Wrote {labelled.Count} labelled questions to {path}.");
        }
        var shipped = JsonSerializer.Serialize(CurrentHandoff.ShippedQuestions, ShippedJson);
        Assert.True(shipped == json, "The answer bot's evidence on the evaluation set differs from the labelled questions shipped in "
            + "services/KnowledgeBase/Support.KnowledgeBase/Answers/handoff-questions.json. If the change is meant, rewrite them: "
            + $"{WriteShippedQuestions}=$PWD/services/KnowledgeBase/Support.KnowledgeBase/Answers/handoff-questions.json "
            + "dotnet test tests/Support.KnowledgeBase.Tests --filter EvaluationTests, then build and run again.");
    }

    private static readonly JsonSerializerOptions ShippedJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The problem library's diagnosis on the set's known problems and labelled cases (symptom lists and free text).</summary>
public sealed class DiagnosisEvaluationTests(ITestOutputHelper output)
{
    public const double Target = 0.80;

    [Fact]
    public async Task Diagnosis_names_the_right_problem_first_or_escalates_when_none_matches()
    {
        var set = EvaluationSet.Load();
        await using var app = await KnowledgeBaseApp.StartAsync();
        using var client = app.Client("agent:1");
        var ids = new Dictionary<string, int>();
        foreach (var problem in set.Problems)
        {
            var created = await client.PostAsJsonAsync("/api/kb/problems", new { title = problem.Title, symptoms = problem.Symptoms, solution = problem.Solution });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids[problem.Key] = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        var right = 0;
        foreach (var diagnosis in set.Diagnoses)
        {
            var response = await client.PostAsJsonAsync("/api/kb/diagnose", new { symptoms = diagnosis.Symptoms, text = diagnosis.Text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.ReadAsync<JsonElement>();
            var problems = result.GetProperty("problems");
            var correct = diagnosis.Problem is null
                ? result.GetProperty("escalate").GetBoolean()
                : problems.GetArrayLength() > 0 && problems[0].GetProperty("id").GetInt32() == ids[diagnosis.Problem];
            if (correct) right++;
            else output.WriteLine($"  miss {(diagnosis.Text ?? string.Join(" | ", diagnosis.Symptoms!))} → expected {diagnosis.Problem ?? "escalate"}, got "
                + (problems.GetArrayLength() > 0 ? problems[0].GetProperty("title").GetString() : "escalate"));
        }

        var accuracy = (double)right / set.Diagnoses.Count;
        output.WriteLine($"Diagnosis: {right} of {set.Diagnoses.Count} right ({accuracy:P1}): the expected problem first, or escalation when none applies.");
        Assert.True(accuracy >= Target, $"Diagnosis accuracy {accuracy:P1} is below {Target:P0}.");
    }
}

public sealed record EvaluationArticle(string Key, string Locale, string Category, string Title, string Summary, string[] Tags, string Body);

public sealed record EvaluationQuestion(string Question, string Locale, string? Article, string Kind);

public sealed record EvaluationProblem(string Key, string Title, string[] Symptoms, string Solution, string Article);

public sealed record EvaluationDiagnosis(string[]? Symptoms, string? Text, string? Problem);

public sealed record EvaluationSet(
    IReadOnlyList<EvaluationArticle> Articles, IReadOnlyList<EvaluationQuestion> Questions,
    IReadOnlyList<EvaluationProblem> Problems, IReadOnlyList<EvaluationDiagnosis> Diagnoses)
{
    public static EvaluationSet Load() =>
        JsonSerializer.Deserialize<EvaluationSet>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Evaluation", "kb-eval.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}

/// <summary>Top-1, top-3 and MRR over answerable questions; the share of unanswerable ones handed off; the share of answerable ones wrongly handed off.</summary>
public sealed record EvaluationFigures(int Answerable, double TopOne, double TopThree, double Mrr, int Unanswerable, double Handoff, double FalseHandoff)
{
    public static EvaluationFigures Of(IReadOnlyCollection<(bool Answerable, int Rank, bool Handoff)> rows)
    {
        var answerable = rows.Where(r => r.Answerable).ToList();
        var unanswerable = rows.Where(r => !r.Answerable).ToList();
        double Share<T>(List<T> list, Func<T, bool> match) => list.Count == 0 ? double.NaN : (double)list.Count(match) / list.Count;
        return new(answerable.Count, Share(answerable, r => r.Rank == 1), Share(answerable, r => r.Rank is >= 1 and <= 3),
            answerable.Count == 0 ? double.NaN : answerable.Average(r => r.Rank == 0 ? 0 : 1.0 / r.Rank),
            unanswerable.Count, Share(unanswerable, r => r.Handoff), Share(answerable, r => r.Handoff));
    }
}

public sealed record EvaluationReport(EvaluationFigures Overall, string Table)
{
    public static EvaluationReport Of(IEnumerable<(string Locale, string Kind, bool Answerable, int Rank, bool Handoff)> results)
    {
        var all = results.ToList();
        var lines = new List<string> { "| questions | answerable | top-1 | top-3 | MRR | unanswerable | handed off | answerable handed off |", "|---|---|---|---|---|---|---|---|" };
        void Line(string name, IEnumerable<(string Locale, string Kind, bool Answerable, int Rank, bool Handoff)> rows)
        {
            var f = EvaluationFigures.Of(rows.Select(r => (r.Answerable, r.Rank, r.Handoff)).ToList());
            static string P(double v) => double.IsNaN(v) ? "–" : $"{v:P1}";
            lines.Add($"| {name} | {f.Answerable} | {P(f.TopOne)} | {P(f.TopThree)} | {(double.IsNaN(f.Mrr) ? "–" : f.Mrr.ToString("F3"))} | {f.Unanswerable} | {P(f.Handoff)} | {P(f.FalseHandoff)} |");
        }
        Line("all", all);
        foreach (var locale in all.Select(r => r.Locale).Distinct().Order())
            Line(locale, all.Where(r => r.Locale == locale));
        foreach (var kind in all.Select(r => r.Kind).Distinct().Order())
            Line(kind, all.Where(r => r.Kind == kind));
        return new(EvaluationFigures.Of(all.Select(r => (r.Answerable, r.Rank, r.Handoff)).ToList()), string.Join('\n', lines));
    }
}
