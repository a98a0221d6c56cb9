using Support.Routing.Classification;

namespace Support.Routing.Classifier;

public sealed record ClassifierReport(
    int ModelVersion,
    DateTimeOffset TrainedAt,
    int TrainingExamples,
    int HeldOutExamples,
    double MinConfidence,
    ClassifierEvaluation Category,
    ClassifierEvaluation? Priority);

public static class ClassifierTraining
{
    public const int MinExamples = 10;

    /// <summary>
    /// Every fifth example, by a hash of its id, is held out: never trained on, used to evaluate. The split is
    /// stable, so an example stays on its side as the set grows.
    /// </summary>
    public static bool IsHeldOut(long exampleId) => (ulong)exampleId * 11400714819323198485UL >> 59 < 7; // 7/32 ≈ 22 %

    /// <summary>Trains the category model (and the priority model, when examples carry two or more priorities) and evaluates them.</summary>
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

    public static (ClassifierModel Model, ClassifierReport Report) Train(IReadOnlyList<ClassifierExample> examples, DateTimeOffset now, double minConfidence)
    {
        var training = examples.Where(e => !IsHeldOut(e.Id)).ToList();
        var heldOut = examples.Where(e => IsHeldOut(e.Id)).ToList();
        static string Text(ClassifierExample e) => TicketText.Of(e.Subject, e.Description);

        var category = TextClassifier.Train(training.Select(e => new LabelledText(Text(e), e.Category)).ToList());
        var categoryEvaluation = ClassifierEvaluation.Of(category, heldOut.Select(e => new LabelledText(Text(e), e.Category)).ToList());

        var prioritised = training.Where(e => e.Priority is not null).Select(e => new LabelledText(Text(e), e.Priority!)).ToList();
        TextClassifier? priority = null;
        ClassifierEvaluation? priorityEvaluation = null;
        if (prioritised.Select(p => p.Label).Distinct().Count() >= 2)
        {
            priority = TextClassifier.Train(prioritised);
            var heldOutPriorities = heldOut.Where(e => e.Priority is not null).Select(e => new LabelledText(Text(e), e.Priority!)).ToList();
            priorityEvaluation = heldOutPriorities.Count > 0 ? ClassifierEvaluation.Of(priority, heldOutPriorities) : null;
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
