namespace Support.KnowledgeBase;

/// <summary>Settings under "KnowledgeBase".</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>The locales articles and questions may have; the first is the default.</summary>
    public string[] Locales { get; set; } = ["en", "zh-CN"];

    /// <summary>
    /// The share of the labelled questions its articles did not answer that the answer bot hands off to a person: the
    /// hand-off threshold is the lowest probability that reaches it, so as few answered questions as possible go too.
    /// </summary>
    public double HandoffShare { get; set; } = 0.85;

    /// <summary>How often an instance looks for a hand-off model another instance recalibrated.</summary>
    public TimeSpan CalibrationRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Articles suggested to agents need at least this confidence.</summary>
    public double SuggestionMinConfidence { get; set; } = 0.3;

    /// <summary>The canonical spelling of a supported locale ("zh-cn" → "zh-CN"), or null when unsupported.</summary>
    public string? Canonical(string? locale) =>
        Locales.FirstOrDefault(l => string.Equals(l, locale?.Trim(), StringComparison.OrdinalIgnoreCase));
}
