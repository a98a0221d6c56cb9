using Support.Text;

namespace Support.KnowledgeBase.Search;

/// <summary>
/// What the search index and its queries are made of, the same on PostgreSQL and SQLite: English words lowercased,
/// stop words dropped, stemmed (Porter); Chinese, written without spaces, as character bigrams plus unigrams in the
/// index, and as bigrams (a lone character as itself) in a query. Mixed text yields both kinds.
/// </summary>
public static class SearchTerms
{
    public const int MaxTermLength = 40;

    /// <summary>The index terms of a text, space-separated, repeated as often as they occur (frequency counts in ranking).</summary>
    public static string ForIndex(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var terms = new List<string>();
        foreach (var run in TextTokenizer.Runs(text))
        {
            if (run.IsCjk)
            {
                for (var i = 0; i < run.Text.Length; i++)
                {
                    terms.Add(run.Text.Substring(i, 1));
                    if (i + 1 < run.Text.Length)
                        terms.Add(run.Text.Substring(i, 2));
                }
            }
            else if (WordTerm(run.Text) is { } term)
                terms.Add(term);
        }
        return string.Join(' ', terms);
    }

    /// <summary>A query's distinct terms, in order; a word with a correction (a misspelling) becomes the corrected word's term.</summary>
    public static IReadOnlyList<string> ForQuery(string text, IReadOnlyDictionary<string, string>? corrections = null)
    {
        var terms = new List<string>();
        foreach (var run in TextTokenizer.Runs(text))
        {
            if (run.IsCjk)
            {
                if (run.Text.Length == 1)
                    terms.Add(run.Text);
                for (var i = 0; i + 1 < run.Text.Length; i++)
                    terms.Add(run.Text.Substring(i, 2));
            }
            else if (WordTerm(corrections?.GetValueOrDefault(run.Text) ?? run.Text) is { } term)
                terms.Add(term);
        }
        return terms.Distinct().ToList();
    }

    /// <summary>
    /// The query's Chinese bigrams that only straddle two words ("想退" in 我想退款: 我 / 想 / 退款, by jieba): they help
    /// rank, as the bigram index cannot tell words apart, but say nothing of what the question asks.
    /// </summary>
    public static IReadOnlySet<string> Straddling(string text)
    {
        var inside = new HashSet<string>();
        var all = new HashSet<string>();
        foreach (var run in TextTokenizer.Runs(text).Where(r => r.IsCjk))
        {
            for (var i = 0; i + 1 < run.Text.Length; i++)
                all.Add(run.Text.Substring(i, 2));
            foreach (var word in ChineseWords.Of(run.Text))
                for (var i = 0; i + 1 < word.Length; i++)
                    inside.Add(word.Substring(i, 2));
        }
        all.ExceptWith(inside);
        return all;
    }

    /// <summary>The distinct words of a text a misspelling could be corrected to, or from: letters only, 3 to 40 long, no stop words.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : TextTokenizer.Runs(text)
                .Where(r => !r.IsCjk && r.Text.Length is >= 3 and <= MaxTermLength && r.Text.All(char.IsAsciiLetter) && !TextTokenizer.IsStopWord(r.Text))
                .Select(r => r.Text).Distinct().ToList();

    /// <summary>The term a word becomes (its stem), or null for a stop word or an overlong token.</summary>
    public static string? WordTerm(string word) =>
        word.Length > MaxTermLength || TextTokenizer.IsStopWord(word) ? null : PorterStemmer.Stem(word);
}
