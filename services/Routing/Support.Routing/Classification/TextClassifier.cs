using System.Text.Json;

namespace Support.Routing.Classification;

public sealed record LabelledText(string Text, string Label);

/// <summary>A predicted label and its posterior probability.</summary>
public sealed record Prediction(string Label, double Confidence);

/// <summary>
/// Multinomial naive Bayes over TF-IDF weighted tokens (Rennie et al. 2003, "Tackling the poor assumptions of naive
/// Bayes text classifiers"). Immutable once built, so one instance serves concurrent callers.
/// </summary>
public sealed class TextClassifier
{
    private const double Smoothing = 0.1;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Model model;
    private readonly double[] logPriors;
    private readonly Dictionary<string, Term> terms;

    private TextClassifier(Model model)
    {
        if (model.Labels.Length < 2 || model.Documents.Length != model.Labels.Length
            || model.Terms.Values.Any(t => t.Length != model.Labels.Length + 1))
            throw new FormatException("The classifier model is inconsistent.");

        this.model = model;
        var documents = model.Documents.Sum();
        logPriors = [.. model.Documents.Select(d => Math.Log((double)d / documents))];
        var labelMass = Enumerable.Range(1, model.Labels.Length).Select(c => model.Terms.Values.Sum(t => (double)t[c])).ToArray();
        var denominators = labelMass.Select(mass => Math.Log(mass + Smoothing * model.Terms.Count)).ToArray();
        terms = model.Terms.ToDictionary(
            p => p.Key,
            p => new Term(p.Value[0], [.. denominators.Select((denominator, c) => Math.Log(p.Value[c + 1] + Smoothing) - denominator)]));
    }

    public IReadOnlyList<string> Labels => model.Labels;

    public static TextClassifier Train(IReadOnlyList<LabelledText> examples)
    {
        string[] labels = [.. examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal)];
        if (labels.Length < 2) throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));

        var documents = examples.Select(e => TextTokenizer.Tokenize(e.Text).CountBy(t => t).ToArray()).ToArray();
        var idf = documents.SelectMany(d => d).CountBy(p => p.Key)
            .ToDictionary(p => p.Key, p => (float)(Math.Log((1.0 + documents.Length) / (1.0 + p.Value)) + 1));
        var mass = idf.ToDictionary(p => p.Key, _ => new float[labels.Length]);
        var documentCounts = new int[labels.Length];
        foreach (var (example, counts) in examples.Zip(documents))
        {
            var label = Array.BinarySearch(labels, example.Label, StringComparer.Ordinal);
            documentCounts[label]++;
            foreach (var ((term, _), weight) in counts.Zip(Weigh(counts.Select(p => (p.Value, (double)idf[p.Key])))))
                mass[term][label] += (float)weight;
        }
        var terms = idf.ToDictionary(p => p.Key, p => (float[])[p.Value, .. mass[p.Key]]);
        return new TextClassifier(new Model(labels, documentCounts, terms));
    }

    public Prediction Predict(string text)
    {
        var known = new Dictionary<Term, int>();
        foreach (var token in TextTokenizer.Tokenize(text))
            if (terms.TryGetValue(token, out var term)) known[term] = known.GetValueOrDefault(term) + 1;

        var scores = (double[])logPriors.Clone();
        foreach (var ((term, _), weight) in known.Zip(Weigh(known.Select(p => (p.Value, p.Key.Idf)))))
            for (var c = 0; c < scores.Length; c++) scores[c] += weight * term.LogLikelihoods[c];

        var best = Array.IndexOf(scores, scores.Max());
        return new Prediction(model.Labels[best], 1 / scores.Sum(s => Math.Exp(s - scores[best])));
    }

    public string Serialize() => JsonSerializer.Serialize(model, Json);

    public static TextClassifier Deserialize(string json) =>
        new(JsonSerializer.Deserialize<Model>(json, Json) ?? throw new FormatException("The classifier model is empty."));

    /// <summary>A document's TF-IDF weights: log-scaled term counts times IDF, L2-normalised.</summary>
    private static double[] Weigh(IEnumerable<(int Count, double Idf)> terms)
    {
        double[] weights = [.. terms.Select(t => (1 + Math.Log(t.Count)) * t.Idf)];
        var norm = Math.Sqrt(weights.Sum(w => w * w));
        return norm == 0 ? weights : [.. weights.Select(w => w / norm)];
    }

    /// <summary>What is stored: each term maps to its IDF followed by its TF-IDF mass in each label.</summary>
    private sealed record Model(string[] Labels, int[] Documents, Dictionary<string, float[]> Terms);

    private sealed class Term(double idf, double[] logLikelihoods)
    {
        public double Idf { get; } = idf;
        public double[] LogLikelihoods { get; } = logLikelihoods;
    }
}
