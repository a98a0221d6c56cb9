namespace Support.Routing.Classification;

/// <summary>Examples with their features extracted once, for the many fits of cross-validation.</summary>
public sealed class TrainingSet(IReadOnlyList<LabelledText> examples, FeatureKinds features = TextFeatures.Default)
{
    public IReadOnlyList<LabelledText> Examples { get; } = examples;
    public FeatureKinds Features { get; } = features;
    public IReadOnlyList<FeaturizedText> Featurized { get; } = [.. examples.Select(e => new FeaturizedText(TextFeatures.Of(e.Text, features), e.Label))];
}

/// <summary>A way of training a classifier, which cross-validation compares with the others.</summary>
public sealed record ClassifierCandidate(string Name, string Kind, double? L2)
{
    public static ClassifierCandidate NaiveBayes { get; } = new("naive Bayes", NaiveBayesClassifier.Kind, null);

    public static ClassifierCandidate LogisticRegression(double l2) => new($"logistic regression, L2 {l2}", LogisticRegressionClassifier.Kind, l2);

    /// <summary>What serves when cross-validation cannot choose (too few examples).</summary>
    public static ClassifierCandidate Default { get; } = LogisticRegression(LogisticRegressionClassifier.DefaultL2);

    /// <summary>What training chooses among: naive Bayes first, so it wins a tie.</summary>
    public static IReadOnlyList<ClassifierCandidate> All { get; } =
        [NaiveBayes, LogisticRegression(0.3), Default, LogisticRegression(3)];

    public TextClassifier Train(IReadOnlyList<LabelledText> examples) => Train(new TrainingSet(examples, Kind == NaiveBayesClassifier.Kind ? 0 : TextFeatures.Default));

    /// <summary>
    /// Trains on the set's examples at <paramref name="indices"/> (all of them when null). Without calibrating, logistic
    /// regression predicts the same labels with uncalibrated confidence, at a quarter of the cost.
    /// </summary>
    public TextClassifier Train(TrainingSet set, IReadOnlyList<int>? indices = null, bool calibrate = true)
    {
        indices ??= [.. Enumerable.Range(0, set.Examples.Count)];
        return Kind == NaiveBayesClassifier.Kind
            ? NaiveBayesClassifier.Train([.. indices.Select(i => set.Examples[i])])
            : LogisticRegressionClassifier.Train([.. indices.Select(i => set.Featurized[i])], L2 ?? LogisticRegressionClassifier.DefaultL2, set.Features, calibrate);
    }
}

/// <summary>How a candidate did in cross-validation.</summary>
public sealed record CandidateScore(string Name, double Accuracy, double MacroF1);

/// <summary>Cross-validated macro-F1 when each category had PerCategory examples to learn from.</summary>
public sealed record LearningCurvePoint(int PerCategory, double Accuracy, double MacroF1);

/// <summary>k-fold cross-validation: each fold is predicted by a model trained on the other folds.</summary>
public static class CrossValidation
{
    /// <summary>The sizes a learning curve reports, in examples per category.</summary>
    public static readonly int[] LearningCurveSizes = [25, 50, 100, 200];

    /// <summary>
    /// Each example's prediction by the candidate trained on the other folds (foldOf[i] in 0..folds-1). With
    /// <paramref name="perCategory"/>, each fit learns from only the first that many examples of each category in its
    /// training folds, in the set's order.
    /// </summary>
    public static Prediction[] Predict(ClassifierCandidate candidate, TrainingSet set, IReadOnlyList<int> foldOf, int folds, int? perCategory = null)
    {
        var predictions = new Prediction[set.Examples.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var testing = Enumerable.Range(0, predictions.Length).Where(i => foldOf[i] == fold).ToArray();
            if (testing.Length == 0)
                continue;
            var training = Enumerable.Range(0, predictions.Length).Where(i => foldOf[i] != fold);
            if (perCategory is { } n)
                training = training.GroupBy(i => set.Examples[i].Label).SelectMany(g => g.Take(n)).Order();
            var model = candidate.Train(set, [.. training], calibrate: false);
            foreach (var i in testing)
                predictions[i] = model.Predict(set.Examples[i].Text);
        }
        return predictions;
    }

    public static ClassifierEvaluation Evaluate(TrainingSet set, IReadOnlyList<Prediction> predictions, IEnumerable<int>? only = null) =>
        ClassifierEvaluation.Of([.. (only ?? Enumerable.Range(0, set.Examples.Count)).Select(i => (set.Examples[i].Label, predictions[i].Label))]);

    public static CandidateScore Score(ClassifierCandidate candidate, TrainingSet set, IReadOnlyList<int> foldOf, int folds)
    {
        var predictions = Predict(candidate, set, foldOf, folds);
        var evaluation = Evaluate(set, predictions);
        return new CandidateScore(candidate.Name, evaluation.Accuracy, evaluation.MacroF1);
    }

    /// <summary>
    /// The candidate's cross-validated accuracy and macro-F1 at each of LearningCurveSizes that the examples allow:
    /// every category must have that many in every training fold.
    /// </summary>
    public static IReadOnlyList<LearningCurvePoint> LearningCurve(ClassifierCandidate candidate, TrainingSet set, IReadOnlyList<int> foldOf, int folds)
    {
        var fewest = Enumerable.Range(0, folds)
            .Select(fold => Enumerable.Range(0, set.Examples.Count).Where(i => foldOf[i] != fold).CountBy(i => set.Examples[i].Label).Min(p => p.Value))
            .Min();
        return [.. LearningCurveSizes.Where(n => n <= fewest).Select(n =>
        {
            var evaluation = Evaluate(set, Predict(candidate, set, foldOf, folds, n));
            return new LearningCurvePoint(n, evaluation.Accuracy, evaluation.MacroF1);
        })];
    }
}
