using Support.Text;
using System.Text.Json;

namespace Support.Routing.Classification;

/// <summary>
/// Multinomial naive Bayes over TF-IDF weighted tokens (Rennie et al. 2003, "Tackling the poor assumptions of naive
/// Bayes text classifiers"). Immutable once built, so one instance serves concurrent callers. Its JSON has no kind
/// (it predates the others), which is how TextClassifier.Deserialize recognises it.
/// </summary>
public sealed class NaiveBayesClassifier : TextClassifier
{
    public const string Kind = "naive_bayes";
    private const double Smoothing = 1;
    private static readonly double[] Scales = [.. Enumerable.Range(-4, 25).Select(k => Math.Pow(2, k / 4.0))];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Model model;
    private readonly double[] logPriors;
    private readonly Dictionary<string, Term> terms;

    private NaiveBayesClassifier(Model model)
    {
        if (model.Labels.Length < 2 || model.Documents.Length != model.Labels.Length || model.Documents.Any(d => d <= 0) || model.Scale <= 0
            || model.Terms.Values.Any(t => t.Length != model.Labels.Length + 1))
            throw new FormatException("The classifier model is inconsistent.");

        this.model = model;
        logPriors = LogPriors(model.Documents);
        double[] labelMass = [.. model.Labels.Select((_, c) => model.Terms.Values.Sum(t => (double)t[c + 1]))];
        terms = model.Terms.ToDictionary(p => p.Key, p => new Term(
            p.Value[0],
            [.. labelMass.Select((mass, c) => model.Scale * LogLikelihood(p.Value[c + 1], mass, model.Terms.Count))]));
    }

    public override IReadOnlyList<string> Labels => model.Labels;

    public static new NaiveBayesClassifier Train(IReadOnlyList<LabelledText> examples)
    {
        string[] labels = [.. examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal)];
        if (labels.Length < 2) throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));

        var counts = examples.Select(e => TextTokenizer.Tokenize(e.Text).CountBy(t => t).ToArray()).ToArray();
        var idf = counts.SelectMany(d => d).CountBy(p => p.Key)
            .ToDictionary(p => p.Key, p => (float)(Math.Log((1.0 + counts.Length) / (1.0 + p.Value)) + 1));
        var documents = counts.Select(d => d.Select(p => p.Key).Zip(Weigh(d.Select(p => (p.Value, (double)idf[p.Key])))).ToArray()).ToArray();
        var labelOf = examples.Select(e => Array.BinarySearch(labels, e.Label, StringComparer.Ordinal)).ToArray();

        var documentCounts = new int[labels.Length];
        var mass = idf.ToDictionary(p => p.Key, _ => new float[labels.Length]);
        foreach (var (document, label) in documents.Zip(labelOf))
        {
            documentCounts[label]++;
            foreach (var (term, weight) in document) mass[term][label] += (float)weight;
        }

        var terms = idf.ToDictionary(p => p.Key, p => (float[])[p.Value, .. mass[p.Key]]);
        return new NaiveBayesClassifier(new Model(labels, documentCounts, terms, FitScale(documents, labelOf, documentCounts, mass)));
    }

    public override Prediction Predict(string text)
    {
        var known = new Dictionary<Term, int>();
        foreach (var token in TextTokenizer.Tokenize(text))
            if (terms.TryGetValue(token, out var term)) known[term] = known.GetValueOrDefault(term) + 1;

        var scores = (double[])logPriors.Clone();
        foreach (var ((term, _), weight) in known.Zip(Weigh(known.Select(p => (p.Value, p.Key.Idf)))))
            for (var c = 0; c < scores.Length; c++) scores[c] += weight * term.ScaledLogLikelihoods[c];

        var best = Array.IndexOf(scores, scores.Max());
        return new Prediction(model.Labels[best], Probability(scores, best));
    }

    public override string Serialize() => JsonSerializer.Serialize(model, Json);

    internal static NaiveBayesClassifier FromJson(string json) =>
        new(JsonSerializer.Deserialize<Model>(json, Json) ?? throw new FormatException("The classifier model is empty."));

    /// <summary>A document's TF-IDF weights: log-scaled term counts times IDF, L2-normalised.</summary>
    private static double[] Weigh(IEnumerable<(int Count, double Idf)> terms)
    {
        double[] weights = [.. terms.Select(t => (1 + Math.Log(t.Count)) * t.Idf)];
        var norm = Math.Sqrt(weights.Sum(w => w * w));
        return norm == 0 ? weights : [.. weights.Select(w => w / norm)];
    }

    private static double[] LogPriors(int[] documents) => [.. documents.Select(d => Math.Log((double)d / documents.Sum()))];

    /// <summary>log P(term | label), Laplace-smoothed, from the term's TF-IDF mass in the label and the label's total mass.</summary>
    private static double LogLikelihood(double termMass, double labelMass, int vocabulary) =>
        Math.Log((termMass + Smoothing) / (labelMass + Smoothing * vocabulary));

    /// <summary>
    /// How much a ticket's evidence counts against the prior. A unit-length TF-IDF vector understates it, which would
    /// make every posterior timid; the scale that best predicts each training example from all the others
    /// (leave-one-out log-loss) makes Confidence a calibrated probability.
    /// </summary>
    private static double FitScale((string Term, double Weight)[][] documents, int[] labelOf, int[] documentCounts, Dictionary<string, float[]> mass)
    {
        var logPriors = LogPriors(documentCounts);
        double[] labelMass = [.. documentCounts.Select((_, c) => mass.Values.Sum(m => (double)m[c]))];
        var evidence = documents.Select((document, i) =>
        {
            var documentMass = document.Sum(t => t.Weight);
            return labelMass.Select((total, c) =>
            {
                var own = c == labelOf[i] ? 1 : 0;
                return document.Sum(t => t.Weight * LogLikelihood(mass[t.Term][c] - own * t.Weight, total - own * documentMass, mass.Count));
            }).ToArray();
        }).ToArray();

        return Scales.MinBy(scale => evidence.Zip(labelOf).Sum(e =>
            -Math.Log(Probability([.. logPriors.Select((prior, c) => prior + scale * e.First[c])], e.Second))));
    }

    /// <summary>What is stored: each term maps to its IDF followed by its TF-IDF mass in each label.</summary>
    private sealed record Model(string[] Labels, int[] Documents, Dictionary<string, float[]> Terms, double Scale);

    private sealed class Term(double idf, double[] scaledLogLikelihoods)
    {
        public double Idf { get; } = idf;
        public double[] ScaledLogLikelihoods { get; } = scaledLogLikelihoods;
    }
}
