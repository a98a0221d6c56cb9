namespace Support.Text;

/// <summary>
/// Splits ticket text into the classifier's features: each run of Chinese characters into its character bigrams
/// (a lone character stays a unigram), each other word lowercased into the word and its stem, stop words dropped.
/// </summary>
public static class TextTokenizer
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "aren", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "couldn", "d", "did",
        "didn", "do", "does", "doesn", "doing", "don", "down", "during", "each", "few", "for", "from", "further", "had",
        "hadn", "has", "hasn", "have", "haven", "having", "he", "hello", "her", "here", "hers", "herself", "hi", "him",
        "himself", "his", "how", "i", "if", "in", "into", "is", "isn", "it", "its", "itself", "just", "ll", "m", "me",
        "more", "most", "my", "myself", "no", "nor", "not", "now", "o", "of", "off", "on", "once", "only", "or", "other",
        "our", "ours", "ourselves", "out", "over", "own", "please", "re", "s", "same", "she", "should", "shouldn", "so",
        "some", "such", "t", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "ve", "very", "was",
        "wasn", "we", "were", "weren", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "won", "would", "wouldn", "y", "you", "your", "yours", "yourself", "yourselves",
    ];

    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var run in Runs(text))
        {
            if (run.IsCjk)
            {
                if (run.Text.Length == 1) tokens.Add(run.Text);
                for (var j = 0; j < run.Text.Length - 1; j++) tokens.Add(run.Text.Substring(j, 2));
            }
            else AddWord(run.Text, tokens);
        }
        return tokens;
    }

    /// <summary>
    /// The text's runs in order: each run of Chinese characters, and each other word lowercased with full-width
    /// letters and digits made ASCII; punctuation, symbols and spaces separate them. Start and Length locate the run
    /// in the original text.
    /// </summary>
    public static IEnumerable<TextRun> Runs(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var start = i;
            if (IsCjk(text[i]))
            {
                while (i < text.Length && IsCjk(text[i])) i++;
                yield return new TextRun(text[start..i], start, i - start, IsCjk: true);
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !IsCjk(text[i])) i++;
                yield return new TextRun(string.Concat(text[start..i].Select(c => char.ToLowerInvariant(ToHalfWidth(c)))), start, i - start, IsCjk: false);
            }
            else i++;
        }
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    private static void AddWord(string word, List<string> tokens)
    {
        if (StopWords.Contains(word)) return;
        tokens.Add(word);
        var stem = PorterStemmer.Stem(word);
        if (stem != word) tokens.Add(stem);
    }

    /// <summary>Full-width letters and digits, as a Chinese input method types them, become their ASCII forms.</summary>
    private static char ToHalfWidth(char c) => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

    /// <summary>CJK Unified Ideographs, Extension A and the compatibility ideographs.</summary>
    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}

/// <summary>A run of Chinese characters, or one other word (lowercased), at Start with Length in the original text.</summary>
public readonly record struct TextRun(string Text, int Start, int Length, bool IsCjk);

public static class Language
{
    /// <summary>"zh-CN" when at least a fifth of the text's letters are Chinese characters; null (English) otherwise.</summary>
    public static string? Of(string text)
    {
        int letters = 0, chinese = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
                continue;
            letters++;
            if (TextTokenizer.IsCjk(c))
                chinese++;
        }
        return chinese > 0 && chinese * 5 >= letters ? "zh-CN" : null;
    }
}
