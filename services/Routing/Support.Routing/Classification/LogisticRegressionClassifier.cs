using System.Text.Json;

namespace Support.Routing.Classification;

/// <summary>A text's features (TextFeatures.Of) and its label: what logistic regression trains on.</summary>
public sealed record FeaturizedText(IReadOnlyList<string> Features, string Label);

/// <summary>
/// Multinomial logistic regression (softmax, L2-penalised weights, unpenalised biases) over sublinear, L2-normalised
/// TF-IDF features, fitted by full-batch L-BFGS from zero: deterministic, and a fit on ~800 tickets takes well under a
/// second. Hand-written because ML.NET's equivalents (SdcaMaximumEntropy, LbfgsMaximumEntropy) are measured separately
/// on the same folds.
/// </summary>
public sealed class LogisticRegressionClassifier : TextClassifier
{
    public const string Kind = "logistic_regression";

    /// <summary>The L2 penalty's weight against the summed log-loss (scikit-learn's 1/C).</summary>
    public const double DefaultL2 = 1;

    private const int CalibrationFolds = 3;
    private static readonly double[] Scales = [.. Enumerable.Range(-4, 33).Select(k => Math.Pow(2, k / 4.0))];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Model model;

    private LogisticRegressionClassifier(Model model)
    {
        if (model.Kind != Kind || model.Labels.Length < 2 || model.Bias.Length != model.Labels.Length
            || model.Terms.Values.Any(t => t.Length != model.Labels.Length + 1 || t[0] <= 0))
            throw new FormatException("The classifier model is inconsistent.");
        this.model = model;
    }

    public override IReadOnlyList<string> Labels => model.Labels;

    public FeatureKinds Features => model.Features;

    public static new LogisticRegressionClassifier Train(IReadOnlyList<LabelledText> examples) => Train(examples, DefaultL2);

    public static LogisticRegressionClassifier Train(IReadOnlyList<LabelledText> examples, double l2, FeatureKinds features = TextFeatures.Default) =>
        Train([.. examples.Select(e => new FeaturizedText(TextFeatures.Of(e.Text, features), e.Label))], l2, features);

    /// <summary>
    /// Trains on texts already featurized with <paramref name="features"/> (cross-validation featurizes each text once
    /// for many fits). Calibrating fits CalibrationFolds more models to find the confidence scale; without it the labels
    /// predicted are the same, but the L2 penalty leaves the confidence far below how often the model is right.
    /// </summary>
    public static LogisticRegressionClassifier Train(IReadOnlyList<FeaturizedText> examples, double l2, FeatureKinds features, bool calibrate = true)
    {
        var model = Fit(examples, l2, features, scale: 1);
        return calibrate ? Fit(examples, l2, features, CalibrationScale(examples, l2, features)) : model;
    }

    /// <summary>
    /// The factor on every score that best predicts each example from a model that never saw it (the log-loss of
    /// CalibrationFolds-fold cross-validation, folds by position), so that Confidence is a calibrated probability.
    /// </summary>
    private static double CalibrationScale(IReadOnlyList<FeaturizedText> examples, double l2, FeatureKinds features)
    {
        var outOfFold = new List<(double[] Scores, int Label)>();
        for (var fold = 0; fold < CalibrationFolds; fold++)
        {
            FeaturizedText[] training = [.. examples.Where((_, i) => i % CalibrationFolds != fold)];
            if (training.Select(e => e.Label).Distinct().Count() < 2)
                continue;
            var model = Fit(training, l2, features, scale: 1);
            foreach (var example in examples.Where((_, i) => i % CalibrationFolds == fold))
                if (Array.BinarySearch(model.model.Labels, example.Label, StringComparer.Ordinal) is >= 0 and var label)
                    outOfFold.Add((model.Scores(example.Features), label));
        }
        return outOfFold.Count == 0 ? 1 : Scales.MinBy(scale => outOfFold.Sum(o => -Math.Log(Probability([.. o.Scores.Select(s => s * scale)], o.Label))));
    }

    private static LogisticRegressionClassifier Fit(IReadOnlyList<FeaturizedText> examples, double l2, FeatureKinds features, double scale)
    {
        string[] labels = [.. examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal)];
        if (labels.Length < 2) throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        if (!(l2 > 0)) throw new ArgumentOutOfRangeException(nameof(l2), "The L2 penalty must be positive.");

        var index = new Dictionary<string, int>();
        var documentFrequency = new List<int>();
        var counts = examples.Select(e =>
        {
            var document = new Dictionary<int, int>();
            foreach (var feature in e.Features)
            {
                if (!index.TryGetValue(feature, out var j))
                {
                    index[feature] = j = index.Count;
                    documentFrequency.Add(0);
                }
                document[j] = document.GetValueOrDefault(j) + 1;
            }
            foreach (var j in document.Keys) documentFrequency[j]++;
            return document;
        }).ToArray();
        double[] idf = [.. documentFrequency.Select(df => Math.Log((1.0 + examples.Count) / (1.0 + df)) + 1)];
        var documents = counts.Select(d => Vector(d.Select(p => (p.Key, p.Value, idf[p.Key])))).ToArray();
        var labelOf = examples.Select(e => Array.BinarySearch(labels, e.Label, StringComparer.Ordinal)).ToArray();

        var k = labels.Length;
        var weights = Lbfgs.Minimize((theta, gradient) => Loss(theta, gradient, documents, labelOf, k, l2), index.Count * k + k);

        var terms = index.ToDictionary(p => p.Key, p => (float[])[(float)idf[p.Value], .. weights.AsSpan(p.Value * k, k).ToArray().Select(w => (float)(w * scale))]);
        return new LogisticRegressionClassifier(new Model(Kind, features, labels, [.. weights.AsSpan(index.Count * k, k).ToArray().Select(b => b * scale)], terms));
    }

    public override Prediction Predict(string text)
    {
        var scores = Scores(TextFeatures.Of(text, model.Features));
        var best = Array.IndexOf(scores, scores.Max());
        return new Prediction(model.Labels[best], Probability(scores, best));
    }

    private double[] Scores(IReadOnlyList<string> features)
    {
        var known = new Dictionary<string, (int Count, float[] Term)>();
        foreach (var feature in features)
            if (model.Terms.TryGetValue(feature, out var term))
                known[feature] = (known.GetValueOrDefault(feature).Count + 1, term);

        var terms = known.Values.ToArray();
        var vector = Vector(terms.Select((t, j) => (j, t.Count, (double)t.Term[0])));
        var scores = (double[])model.Bias.Clone();
        for (var n = 0; n < vector.Indices.Length; n++)
        {
            var term = terms[vector.Indices[n]].Term;
            for (var c = 0; c < scores.Length; c++) scores[c] += vector.Values[n] * term[c + 1];
        }
        return scores;
    }

    public override string Serialize() => JsonSerializer.Serialize(model, Json);

    internal static LogisticRegressionClassifier FromJson(string json) =>
        new(JsonSerializer.Deserialize<Model>(json, Json) ?? throw new FormatException("The classifier model is empty."));

    /// <summary>A document's TF-IDF vector: log-scaled counts times IDF, L2-normalised.</summary>
    private static SparseVector Vector(IEnumerable<(int Index, int Count, double Idf)> terms)
    {
        var sorted = terms.OrderBy(t => t.Index).ToArray();
        double[] values = [.. sorted.Select(t => (1 + Math.Log(t.Count)) * t.Idf)];
        var norm = Math.Sqrt(values.Sum(v => v * v));
        if (norm > 0)
            for (var i = 0; i < values.Length; i++) values[i] /= norm;
        return new SparseVector([.. sorted.Select(t => t.Index)], values);
    }

    /// <summary>
    /// The summed log-loss of the softmax plus half the L2 penalty on the weights, and its gradient. theta holds the
    /// weights feature by feature (k per feature), then the k biases.
    /// </summary>
    private static double Loss(double[] theta, double[] gradient, SparseVector[] documents, int[] labelOf, int k, double l2)
    {
        var biases = theta.Length - k;
        var loss = 0.0;
        for (var j = 0; j < biases; j++)
        {
            loss += 0.5 * l2 * theta[j] * theta[j];
            gradient[j] = l2 * theta[j];
        }
        for (var j = biases; j < theta.Length; j++) gradient[j] = 0;

        var scores = new double[k];
        for (var i = 0; i < documents.Length; i++)
        {
            var (indices, values) = documents[i];
            theta.AsSpan(biases, k).CopyTo(scores);
            for (var n = 0; n < indices.Length; n++)
                for (int c = 0, at = indices[n] * k; c < k; c++) scores[c] += values[n] * theta[at + c];
            var max = scores.Max();
            var sum = 0.0;
            for (var c = 0; c < k; c++) sum += scores[c] = Math.Exp(scores[c] - max);
            loss -= Math.Log(scores[labelOf[i]] / sum);
            for (var c = 0; c < k; c++) scores[c] = scores[c] / sum - (c == labelOf[i] ? 1 : 0);
            for (var n = 0; n < indices.Length; n++)
                for (int c = 0, at = indices[n] * k; c < k; c++) gradient[at + c] += values[n] * scores[c];
            for (var c = 0; c < k; c++) gradient[biases + c] += scores[c];
        }
        return loss;
    }

    private sealed record SparseVector(int[] Indices, double[] Values);

    /// <summary>What is stored: each term maps to its IDF followed by its weight for each label.</summary>
    private sealed record Model(string Kind, FeatureKinds Features, string[] Labels, double[] Bias, Dictionary<string, float[]> Terms);
}
