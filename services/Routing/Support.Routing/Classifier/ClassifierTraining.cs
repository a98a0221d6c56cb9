using Support.Routing.Classification;

namespace Support.Routing.Classifier;

/// <summary>
/// The evaluation of a model trained on TrainingExamples and tested on HeldOutExamples; the model served afterwards
/// learned from all of them (LearnedFromExamples). CategoryModel is the candidate that cross-validation on the
/// training examples chose; the priority model is always naive Bayes. Reports of models trained before there was a
/// choice have neither CategoryModel nor CrossValidation.
/// </summary>
public sealed record ClassifierReport(
    int ModelVersion,
    DateTimeOffset TrainedAt,
    int TrainingExamples,
    int HeldOutExamples,
    double MinConfidence,
    ClassifierEvaluation Category,
    ClassifierEvaluation? Priority,
    string? CategoryModel = null,
    CrossValidationReport? CrossValidation = null)
{
    public int LearnedFromExamples => TrainingExamples + HeldOutExamples;
}

/// <summary>
/// The category candidates' cross-validated scores on Examples of the training examples (the most recent ones when
/// there are more than ClassifierTraining.MaxCrossValidated), and the chosen one's learning curve. No candidates when
/// the examples are too few to split into folds that each train on two or more categories.
/// </summary>
public sealed record CrossValidationReport(int Folds, int Examples, IReadOnlyList<CandidateScore> Candidates, IReadOnlyList<LearningCurvePoint> LearningCurve);

public static class ClassifierTraining
{
    public const int MinExamples = 10;
    public const int Folds = 5;

    /// <summary>Cross-validation fits each candidate five times and training should take seconds, not minutes: beyond this many examples it uses the most recent.</summary>
    public const int MaxCrossValidated = 2000;

    /// <summary>The example's cross-validation fold, from a hash of its id: stable as the set grows, and unrelated to IsHeldOut.</summary>
    public static int FoldOf(long exampleId) => (int)(((ulong)exampleId * 0xC2B2AE3D27D4EB4FUL >> 32) % Folds);

    /// <summary>
    /// Every fifth example, by a hash of its id, is held out: never trained on, used to evaluate. The split is
    /// stable, so an example stays on its side as the set grows.
    /// </summary>
    public static bool IsHeldOut(long exampleId) => (ulong)exampleId * 11400714819323198485UL >> 59 < 7; // 7/32 ≈ 22 %

    /// <summary>Why these examples cannot train a model that can be evaluated, or null when they can.</summary>
    public static string? WhyNot(IReadOnlyList<ClassifierExample> examples)
    {
        var trainingCategories = examples.Where(e => !IsHeldOut(e.Id)).Select(e => e.Category).Distinct().Count();
        var heldOut = examples.Count(e => IsHeldOut(e.Id));
        if (examples.Count < MinExamples || trainingCategories < 2 || heldOut == 0)
            return $"Training needs at least {MinExamples} examples, 2 or more categories among those trained on, and some held out to evaluate on; "
                + $"there are {examples.Count} examples, {trainingCategories} categories to train on and {heldOut} held out.";
        return null;
    }

    /// <summary>
    /// Chooses the category candidate with the best macro-F1 in cross-validation on the training examples, trains it
    /// (and the priority model, when examples carry two or more priorities) on all but the held-out examples and
    /// evaluates it on those; then trains the model to serve on every example, so none of them is wasted on the report.
    /// </summary>
    public static (ClassifierModel Model, ClassifierReport Report) Train(IReadOnlyList<ClassifierExample> examples, DateTimeOffset now, double minConfidence)
    {
        var training = examples.Where(e => !IsHeldOut(e.Id)).ToList();
        var heldOut = examples.Where(e => IsHeldOut(e.Id)).ToList();
        static string Text(ClassifierExample e) => TicketText.Of(e.Subject, e.Description);

        static List<LabelledText> Categories(IEnumerable<ClassifierExample> set) => [.. set.Select(e => new LabelledText(Text(e), e.Category))];
        static List<LabelledText> Priorities(IEnumerable<ClassifierExample> set) =>
            [.. set.Where(e => e.Priority is not null).Select(e => new LabelledText(Text(e), e.Priority!))];

        var (chosen, crossValidation) = Choose(training);
        var categoryEvaluation = ClassifierEvaluation.Of(chosen.Train(Categories(training)), Categories(heldOut));
        var category = chosen.Train(Categories(examples));

        TextClassifier? priority = null;
        ClassifierEvaluation? priorityEvaluation = null;
        var prioritised = Priorities(training);
        if (prioritised.Select(p => p.Label).Distinct().Count() >= 2)
        {
            var heldOutPriorities = Priorities(heldOut);
            priorityEvaluation = heldOutPriorities.Count > 0 ? ClassifierEvaluation.Of(NaiveBayesClassifier.Train(prioritised), heldOutPriorities) : null;
            priority = NaiveBayesClassifier.Train(Priorities(examples));
        }

        var model = new ClassifierModel
        {
            TrainedAt = now,
            TrainingExamples = training.Count,
            HeldOutExamples = heldOut.Count,
            CategoryModel = category.Serialize(),
            PriorityModel = priority?.Serialize(),
        };
        var report = new ClassifierReport(0, now, training.Count, heldOut.Count, minConfidence, categoryEvaluation, priorityEvaluation, chosen.Name, crossValidation);
        return (model, report);
    }

    private static (ClassifierCandidate Chosen, CrossValidationReport Report) Choose(IReadOnlyList<ClassifierExample> training)
    {
        var examples = training.Count > MaxCrossValidated ? [.. training.OrderBy(e => e.Id).TakeLast(MaxCrossValidated)] : training;
        int[] foldOf = [.. examples.Select(e => FoldOf(e.Id))];
        var trainsEveryFold = Enumerable.Range(0, Folds).All(fold =>
            foldOf.Contains(fold) && examples.Where((_, i) => foldOf[i] != fold).Select(e => e.Category).Distinct().Count() >= 2);
        if (!trainsEveryFold)
            return (ClassifierCandidate.Default, new CrossValidationReport(Folds, examples.Count, [], []));

        var set = new TrainingSet([.. examples.Select(e => new LabelledText(TicketText.Of(e.Subject, e.Description), e.Category))]);
        var scores = ClassifierCandidate.All.Select(c => (Candidate: c, Score: CrossValidation.Score(c, set, foldOf, Folds))).ToArray();
        var chosen = scores.MaxBy(s => s.Score.MacroF1).Candidate;
        var curve = CrossValidation.LearningCurve(chosen, set, foldOf, Folds);
        return (chosen, new CrossValidationReport(Folds, examples.Count, [.. scores.Select(s => s.Score)], curve));
    }
}
