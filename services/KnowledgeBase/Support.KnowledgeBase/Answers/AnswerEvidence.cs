namespace Support.KnowledgeBase.Answers;

/// <summary>
/// What the answer bot measured of its best article for a question, from which the hand-off model estimates the
/// probability that the articles it shows answer it. Shares are of the question's terms weighed by rarity (IDF).
/// </summary>
/// <param name="Coverage">Share of the question the best article holds (title, tags, summary or body).</param>
/// <param name="WordCoverage">The same, of the question's words: bigrams straddling two Chinese words (jieba) weigh nothing.</param>
/// <param name="TitleCoverage">Share the best article's title, tags and summary hold.</param>
/// <param name="Margin">The best article's coverage minus the second's: a clear winner, or one of many alike.</param>
/// <param name="Unknown">Share of the question no article holds at all: words the knowledge base lacks.</param>
/// <param name="Terms">How many weighed terms the question has.</param>
public sealed record AnswerEvidence(double Coverage, double WordCoverage, double TitleCoverage, double Margin, double Unknown, int Terms)
{
    public static readonly AnswerEvidence None = new(0, 0, 0, 0, 1, 0);

    public static readonly string[] FeatureNames = ["coverage", "wordCoverage", "titleCoverage", "margin", "unknown", "logTerms"];

    /// <summary>The model's inputs, in the order of <see cref="FeatureNames"/>.</summary>
    public double[] Features() => [Coverage, WordCoverage, TitleCoverage, Margin, Unknown, Math.Log(1 + Terms)];
}
