using System.Net;
using System.Text;
using Support.Text;

namespace Support.KnowledgeBase.Search;

/// <summary>
/// Highlights a query's terms in an article's plain text, HTML-encoded with &lt;mark&gt;. Written here because
/// ts_headline and FTS5's snippet() only see whole words, and Chinese is indexed as bigrams.
/// </summary>
public static class Snippets
{
    private const int Context = 30;

    /// <summary>The window of about maxLength characters holding the most matches, with them marked.</summary>
    public static string Highlight(string text, IReadOnlyCollection<string> terms, int maxLength = 200)
    {
        var matches = Matches(text, terms.ToHashSet());
        var start = 0;
        if (matches.Count > 0)
        {
            var best = matches.MaxBy(m => matches.Count(other => other.Start >= m.Start && other.Start + other.Length <= m.Start + maxLength - Context));
            start = Math.Max(0, best.Start - Context);
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && best.Start - start < Context * 2 && !TextTokenizer.IsCjk(text[start]))
                start--;
        }
        var end = Math.Min(text.Length, start + maxLength);
        var html = new StringBuilder();
        if (start > 0) html.Append('…');
        var at = start;
        foreach (var (matchStart, length) in matches.Where(m => m.Start >= start && m.Start + m.Length <= end))
        {
            if (matchStart < at) continue;
            html.Append(WebUtility.HtmlEncode(text[at..matchStart]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(text.Substring(matchStart, length))).Append("</mark>");
            at = matchStart + length;
        }
        html.Append(WebUtility.HtmlEncode(text[at..end]));
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }

    /// <summary>Where the terms occur: English words whose stem is a term, Chinese bigrams and unigrams that are terms (overlaps merged).</summary>
    private static List<(int Start, int Length)> Matches(string text, HashSet<string> terms)
    {
        var matches = new List<(int Start, int Length)>();
        foreach (var run in TextTokenizer.Runs(text))
        {
            if (!run.IsCjk)
            {
                if (SearchTerms.WordTerm(run.Text) is { } term && terms.Contains(term))
                    matches.Add((run.Start, run.Length));
                continue;
            }
            for (var i = 0; i < run.Length; i++)
            {
                var length = i + 1 < run.Length && terms.Contains(run.Text.Substring(i, 2)) ? 2 : terms.Contains(run.Text.Substring(i, 1)) ? 1 : 0;
                if (length == 0) continue;
                var start = run.Start + i;
                if (matches.Count > 0 && matches[^1].Start + matches[^1].Length >= start)
                    matches[^1] = (matches[^1].Start, Math.Max(matches[^1].Start + matches[^1].Length, start + length) - matches[^1].Start);
                else
                    matches.Add((start, length));
            }
        }
        return matches;
    }
}
