namespace Support.KnowledgeBase.Answers;

/// <summary>A question the answer bot answered, kept so the asker can say whether it solved their problem.</summary>
public class Answer
{
    public const int QuestionMaxLength = 1000;

    public Guid Id { get; set; }
    public required string Question { get; set; }
    public required string Locale { get; set; }
    public List<int> ArticleIds { get; set; } = [];
    public double TopConfidence { get; set; }
    /// <summary>What the bot measured of its best article (null for answers given before it did), and the probability it derived.</summary>
    public AnswerEvidence? Evidence { get; set; }
    public double AnswerProbability { get; set; }
    public bool Handoff { get; set; }
    /// <summary>Null until the asker answers; true when the articles solved the question (a ticket avoided).</summary>
    public bool? Deflected { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }
    /// <summary>The customer who asked, when a customer did (for their personal-data export and erasure).</summary>
    public int? CustomerId { get; set; }
}
