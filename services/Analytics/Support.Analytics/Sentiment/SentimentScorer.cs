using System.Text;
using Support.Text;
using static Support.Analytics.Sentiment.SentimentLexicon;

namespace Support.Analytics.Sentiment;

/// <summary>
/// Lexicon sentiment of a customer's comment in English, Chinese or both, after VADER (Hutto and Gilbert, 2014).
/// Each sentiment word adds its valence, raised by intensifiers before it (very, 非常) and flipped and damped by a
/// negator (not, n't, 不, 没有) among the three words before it in the same clause, intensifiers not counted and no
/// other sentiment word between. "but" / 但是 halves what comes before it in the sentence and weighs what follows by
/// 1.5; up to four '!' add emphasis. Chinese runs are cut into words by longest match against the lexicon, so 不错
/// and 不满意 are read as words before 不 is taken for a negator.
/// </summary>
public static class SentimentScorer
{
    private const double NegationScalar = -0.74;
    private const double ExclamationBoost = 0.292;
    private const double Alpha = 15;
    private const int Window = 3;

    /// <summary>The score in [-1, 1], rounded to 4 decimals; 0 when the text has no sentiment words.</summary>
    public static double Score(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        var tokens = Tokenize(text);
        var butAt = new Dictionary<int, int>();
        for (var i = 0; i < tokens.Count; i++)
            if (ButWords.Contains(tokens[i].Text)) butAt.TryAdd(tokens[i].Sentence, i);

        double sum = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var valence = Valence(token.Text, out var negatedOnly);
            if (valence == 0) continue;

            var negated = false;
            for (int j = i - 1, words = 0; j >= 0 && words < Window && tokens[j].Clause == token.Clause; j--)
            {
                var previous = tokens[j].Text;
                if (Boosters.TryGetValue(previous, out var boost))
                {
                    valence += Math.Sign(valence) * boost * (1 - 0.05 * words);
                    continue;
                }
                if (Valence(previous, out _) != 0) break; // "no help terrible app": the negator is help's, not terrible's
                words++;
                negated |= Negators.Contains(previous) || previous.EndsWith("n't", StringComparison.Ordinal);
            }
            if (negatedOnly && !negated) continue;
            if (negated && !NotFlipped.Contains(token.Text)) valence *= NegationScalar;
            if (butAt.TryGetValue(token.Sentence, out var but)) valence *= i < but ? 0.5 : 1.5;
            sum += valence;
        }
        if (sum == 0) return 0;

        var exclamations = text.Count(c => c is '!' or '！');
        sum += Math.Sign(sum) * Math.Min(exclamations, 4) * ExclamationBoost;
        return Math.Round(sum / Math.Sqrt(sum * sum + Alpha), 4);
    }

    private static double Valence(string word, out bool negatedOnly)
    {
        negatedOnly = NegatedOnly.TryGetValue(word, out var valence);
        return negatedOnly || English.TryGetValue(word, out valence) || Chinese.TryGetValue(word, out valence) ? valence : 0;
    }

    private readonly record struct Token(string Text, int Clause, int Sentence);

    /// <summary>
    /// Lowercased English words (apostrophes kept inside them: don't) and longest-match Chinese words, each with its
    /// clause (any punctuation ends one) and sentence (. ! ? ; 。 or a line break ends one).
    /// </summary>
    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int clause = 0, sentence = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = Normalise(text[i]);
            if (TextTokenizer.IsCjk(c))
            {
                var start = i;
                while (i < text.Length && TextTokenizer.IsCjk(text[i])) i++;
                Segment(text[start..i], clause, sentence, tokens);
            }
            else if (char.IsLetterOrDigit(c))
            {
                var word = new StringBuilder();
                for (; i < text.Length; i++)
                {
                    var d = Normalise(text[i]);
                    if (char.IsLetterOrDigit(d) && !TextTokenizer.IsCjk(d)) word.Append(char.ToLowerInvariant(d));
                    else if (d == '\'' && i + 1 < text.Length && char.IsLetter(Normalise(text[i + 1])) && !TextTokenizer.IsCjk(text[i + 1])) word.Append(d);
                    else break;
                }
                tokens.Add(new Token(word.ToString(), clause, sentence));
            }
            else
            {
                if (!char.IsWhiteSpace(c) || c == '\n') clause++;
                if (c is '.' or '!' or '?' or ';' or '。' or '\n') sentence++;
                i++;
            }
        }
        return tokens;
    }

    /// <summary>Forward longest match against every Chinese list; a character in no entry is a word by itself.</summary>
    private static void Segment(string run, int clause, int sentence, List<Token> tokens)
    {
        for (var i = 0; i < run.Length;)
        {
            var length = Math.Min(MaxChineseLength, run.Length - i);
            while (length > 1 && !IsChineseWord(run.Substring(i, length))) length--;
            tokens.Add(new Token(run.Substring(i, length), clause, sentence));
            i += length;
        }
    }

    /// <summary>Full-width ASCII (as a Chinese input method types it) to ASCII, and the typographic apostrophe to '.</summary>
    private static char Normalise(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u2019' => '\'',
        _ => c,
    };
}
