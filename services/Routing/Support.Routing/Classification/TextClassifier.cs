using System.Text.Json;

namespace Support.Routing.Classification;

public sealed record LabelledText(string Text, string Label);

/// <summary>A predicted label and its posterior probability.</summary>
public sealed record Prediction(string Label, double Confidence);

/// <summary>
/// A trained text classifier: naive Bayes or logistic regression. Immutable once built, so one instance serves
/// concurrent callers. Serialize writes a JSON model that Deserialize reads back whichever kind it is.
/// </summary>
public abstract class TextClassifier
{
    public abstract IReadOnlyList<string> Labels { get; }

    public abstract Prediction Predict(string text);

    public abstract string Serialize();

    /// <summary>Trains the default model: logistic regression at its default regularisation.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> examples) => LogisticRegressionClassifier.Train(examples);

    /// <summary>Reads a model written by Serialize; JSON without a "kind" is naive Bayes, as every model was before there were two kinds.</summary>
    public static TextClassifier Deserialize(string json)
    {
        string? kind;
        try
        {
            using var document = JsonDocument.Parse(json);
            kind = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kind", out var k) ? k.GetString() : null;
        }
        catch (JsonException e)
        {
            throw new FormatException("The classifier model is not JSON.", e);
        }
        return kind switch
        {
            null or NaiveBayesClassifier.Kind => NaiveBayesClassifier.FromJson(json),
            LogisticRegressionClassifier.Kind => LogisticRegressionClassifier.FromJson(json),
            _ => throw new FormatException($"The classifier model's kind '{kind}' is unknown."),
        };
    }

    /// <summary>The softmax of the scores at one label.</summary>
    private protected static double Probability(double[] scores, int label) => 1 / scores.Sum(s => Math.Exp(s - scores[label]));
}
