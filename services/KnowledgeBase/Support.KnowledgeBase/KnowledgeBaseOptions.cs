namespace Support.KnowledgeBase;

/// <summary>Settings under "KnowledgeBase".</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>The locales articles and questions may have; the first is the default.</summary>
    public string[] Locales { get; set; } = ["en", "zh-CN"];

    /// <summary>Below this confidence the answer bot hands the question off to a person.</summary>
    public double AnswerMinConfidence { get; set; } = 0.4;

    /// <summary>Articles suggested to agents need at least this confidence.</summary>
    public double SuggestionMinConfidence { get; set; } = 0.3;

    /// <summary>The canonical spelling of a supported locale ("zh-cn" → "zh-CN"), or null when unsupported.</summary>
    public string? Canonical(string? locale) =>
        Locales.FirstOrDefault(l => string.Equals(l, locale?.Trim(), StringComparison.OrdinalIgnoreCase));
}
