using Support.Contracts.KnowledgeBase;

namespace Support.Analytics.KnowledgeBase;

/// <summary>A question the answer bot was asked: whether it matched an article, and whether the asker said it helped.</summary>
public class AnswerRecord
{
    public Guid AnswerId { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public string Locale { get; set; } = "";
    public bool Matched { get; set; }

    /// <summary>True: the asker said the answer solved it (no ticket needed); false: it did not; null: no feedback.</summary>
    public bool? Deflected { get; set; }

    /// <summary>The record from the answer's QuestionAnswered events (one on asking, one on feedback), in the order they happened.</summary>
    public static AnswerRecord? Build(IEnumerable<object> events)
    {
        var answered = events.OfType<QuestionAnswered>().ToList();
        if (answered.Count == 0)
            return null;
        var first = answered[0];
        return new AnswerRecord
        {
            AnswerId = first.AnswerId, AskedAt = first.AskedAt, Locale = first.Locale, Matched = first.Matched,
            Deflected = answered.LastOrDefault(a => a.Deflected is not null)?.Deflected,
        };
    }
}
