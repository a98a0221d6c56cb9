namespace Support.KnowledgeBase.Answers;

/// <summary>A question the bot answered, with what it measured and whether the articles it showed answered it.</summary>
public sealed record LabelledEvidence(AnswerEvidence Evidence, bool Answered);

/// <summary>
/// The probability that the articles shown answer a question, from the bot's evidence: a logistic regression over the
/// standardised features, fitted to labelled questions, and the probability below which the bot hands off, chosen so
/// that <see cref="HandoffShare"/> of the labelled questions the articles did not answer are handed off.
/// </summary>
public sealed record HandoffModel(double[] Means, double[] Scales, double[] Weights, double Bias, double Threshold, double HandoffShare)
{
    /// <summary>L2 penalty per example: keeps weights modest on a few hundred labelled questions.</summary>
    private const double Penalty = 1.0;
    private const int Iterations = 3000;
    private const double Step = 0.5;

    public double Probability(AnswerEvidence evidence)
    {
        var x = evidence.Features();
        var z = Bias;
        for (var i = 0; i < x.Length; i++)
            z += Weights[i] * (x[i] - Means[i]) / Scales[i];
        return Math.Round(1 / (1 + Math.Exp(-z)), 4);
    }

    public bool HandsOff(double probability) => probability < Threshold;

    /// <summary>Fits the model (full-batch gradient descent: a handful of features, deterministic) and chooses the threshold.</summary>
    public static HandoffModel Fit(IReadOnlyList<LabelledEvidence> examples, double handoffShare)
    {
        if (examples.Count(e => e.Answered) == 0 || examples.Count(e => !e.Answered) == 0)
            throw new ArgumentException("Calibration needs questions the articles answered and questions they did not.", nameof(examples));
        var rows = examples.Select(e => e.Evidence.Features()).ToArray();
        var features = rows[0].Length;
        var means = Enumerable.Range(0, features).Select(j => rows.Average(r => r[j])).ToArray();
        var scales = Enumerable.Range(0, features)
            .Select(j => Math.Sqrt(rows.Average(r => (r[j] - means[j]) * (r[j] - means[j])))).Select(s => s < 1e-9 ? 1 : s).ToArray();
        var x = rows.Select(r => r.Select((v, j) => (v - means[j]) / scales[j]).ToArray()).ToArray();
        var y = examples.Select(e => e.Answered ? 1.0 : 0.0).ToArray();

        var weights = new double[features];
        var bias = 0.0;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var gradient = new double[features];
            var biasGradient = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var error = 1 / (1 + Math.Exp(-(bias + Dot(weights, x[i])))) - y[i];
                biasGradient += error;
                for (var j = 0; j < features; j++)
                    gradient[j] += error * x[i][j];
            }
            for (var j = 0; j < features; j++)
                weights[j] -= Step * (gradient[j] + Penalty * weights[j]) / x.Length;
            bias -= Step * biasGradient / x.Length;
        }

        var model = new HandoffModel(means, scales, weights, bias, 0, handoffShare);
        return model with { Threshold = ThresholdFor(examples.Select(e => (model.Probability(e.Evidence), e.Answered)).ToList(), handoffShare) };
    }

    /// <summary>
    /// The lowest threshold that hands off at least the given share of the unanswered questions, halfway to the next
    /// probability seen, so the answered questions it spares stay spared.
    /// </summary>
    public static double ThresholdFor(IReadOnlyList<(double Probability, bool Answered)> scored, double handoffShare)
    {
        var unanswered = scored.Where(s => !s.Answered).Select(s => s.Probability).Order().ToArray();
        var last = unanswered[Math.Clamp((int)Math.Ceiling(handoffShare * unanswered.Length) - 1, 0, unanswered.Length - 1)];
        var next = scored.Select(s => s.Probability).Where(p => p > last).DefaultIfEmpty(Math.Min(1, last + 1e-4)).Min();
        return Math.Round((last + next) / 2, 6);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
