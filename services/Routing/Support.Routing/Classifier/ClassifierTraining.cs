using Support.Routing.Classification;

namespace Support.Routing.Classifier;

/// <summary>
/// The evaluation of a model trained on TrainingExamples and tested on HeldOutExamples; the model served afterwards
/// learned from all of them (LearnedFromExamples).
/// </summary>
public sealed record ClassifierReport(
    int ModelVersion,
    DateTimeOffset TrainedAt,
    int TrainingExamples,
    int HeldOutExamples,
    double MinConfidence,
    ClassifierEvaluation Category,
    ClassifierEvaluation? Priority)
{
    public int LearnedFromExamples => TrainingExamples + HeldOutExamples;
}

public static class ClassifierTraining
{
    public const int MinExamples = 10;

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
    /// Trains the category model (and the priority model, when examples carry two or more priorities) on all but the
    /// held-out examples and evaluates it on those; then trains the model to serve on every example, so none of them
    /// is wasted on the report alone.
    /// </summary>
    public static (ClassifierModel Model, ClassifierReport Report) Train(IReadOnlyList<ClassifierExample> examples, DateTimeOffset now, double minConfidence)
    {
        var training = examples.Where(e => !IsHeldOut(e.Id)).ToList();
        var heldOut = examples.Where(e => IsHeldOut(e.Id)).ToList();
        static string Text(ClassifierExample e) => TicketText.Of(e.Subject, e.Description);

        static List<LabelledText> Categories(IEnumerable<ClassifierExample> set) => [.. set.Select(e => new LabelledText(Text(e), e.Category))];
        static List<LabelledText> Priorities(IEnumerable<ClassifierExample> set) =>
            [.. set.Where(e => e.Priority is not null).Select(e => new LabelledText(Text(e), e.Priority!))];

        var categoryEvaluation = ClassifierEvaluation.Of(TextClassifier.Train(Categories(training)), Categories(heldOut));
        var category = TextClassifier.Train(Categories(examples));

        TextClassifier? priority = null;
        ClassifierEvaluation? priorityEvaluation = null;
        var prioritised = Priorities(training);
        if (prioritised.Select(p => p.Label).Distinct().Count() >= 2)
        {
            var heldOutPriorities = Priorities(heldOut);
            priorityEvaluation = heldOutPriorities.Count > 0 ? ClassifierEvaluation.Of(TextClassifier.Train(prioritised), heldOutPriorities) : null;
            priority = TextClassifier.Train(Priorities(examples));
        }

        var model = new ClassifierModel
        {
            TrainedAt = now,
            TrainingExamples = training.Count,
            HeldOutExamples = heldOut.Count,
            CategoryModel = category.Serialize(),
            PriorityModel = priority?.Serialize(),
        };
        var report = new ClassifierReport(0, now, training.Count, heldOut.Count, minConfidence, categoryEvaluation, priorityEvaluation);
        return (model, report);
    }
}
