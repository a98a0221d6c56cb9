namespace Support.Routing.Classification;

public sealed record CategoryScore(string Category, double Precision, double Recall, double F1, int Support);

/// <summary>How a classifier does on labelled examples it was not trained on. ConfusionMatrix[actual][predicted] is indexed by Labels.</summary>
public sealed record ClassifierEvaluation(
    int Examples, double Accuracy, double MacroF1, IReadOnlyList<CategoryScore> Categories, IReadOnlyList<string> Labels, int[][] ConfusionMatrix)
{
    public static ClassifierEvaluation Of(TextClassifier model, IReadOnlyList<LabelledText> heldOut) =>
        Of([.. heldOut.Select(e => (e.Label, model.Predict(e.Text).Label))]);

    /// <summary>Scores (actual, predicted) label pairs; the labels are those that occur in either, in ordinal order.</summary>
    public static ClassifierEvaluation Of(IReadOnlyList<(string Actual, string Predicted)> outcomes)
    {
        if (outcomes.Count == 0) throw new ArgumentException("There is nothing to evaluate.", nameof(outcomes));

        string[] labels = [.. outcomes.SelectMany(o => new[] { o.Actual, o.Predicted }).Distinct().Order(StringComparer.Ordinal)];
        var matrix = labels.Select(_ => new int[labels.Length]).ToArray();
        foreach (var (actual, predicted) in outcomes)
            matrix[Array.IndexOf(labels, actual)][Array.IndexOf(labels, predicted)]++;

        var categories = labels.Select((label, i) =>
        {
            var correct = matrix[i][i];
            var support = matrix[i].Sum();
            var precision = Ratio(correct, matrix.Sum(row => row[i]));
            var recall = Ratio(correct, support);
            return new CategoryScore(label, precision, recall, Ratio(2 * precision * recall, precision + recall), support);
        }).ToArray();

        var accuracy = Ratio(labels.Select((_, i) => matrix[i][i]).Sum(), outcomes.Count);
        return new ClassifierEvaluation(outcomes.Count, accuracy, categories.Average(c => c.F1), categories, labels, matrix);
    }

    private static double Ratio(double part, double whole) => whole == 0 ? 0 : part / whole;
}
