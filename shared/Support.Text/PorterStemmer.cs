namespace Support.Text;

// The Porter (1980) stemmer, hand-written because the package feed has none.
public static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules = LongestFirst(
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ]);

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
        LongestFirst([("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]);

    private static readonly (string Suffix, string Replacement)[] Step4Rules = LongestFirst(
    [
        .. new[] { "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
            "iti", "ous", "ive", "ize" }.Select(suffix => (suffix, "")),
    ]);

    public static string Stem(string word)
    {
        if (word.Length <= 2) return word;
        var stem = Step1(word);
        stem = Replace(stem, Step2Rules, (rest, _) => Measure(rest) > 0);
        stem = Replace(stem, Step3Rules, (rest, _) => Measure(rest) > 0);
        stem = Replace(stem, Step4Rules, (rest, suffix) => Measure(rest) > 1 && (suffix != "ion" || rest is [.., 's' or 't']));
        return Step5(stem);
    }

    private static string Step1(string w)
    {
        if (Ends(w, "sses") || Ends(w, "ies")) w = w[..^2];
        else if (Ends(w, "s") && !Ends(w, "ss")) w = w[..^1];

        if (Ends(w, "eed"))
        {
            if (Measure(w[..^3]) > 0) w = w[..^1];
        }
        else if ((WithoutSuffixAfterVowel(w, "ed") ?? WithoutSuffixAfterVowel(w, "ing")) is { } rest)
        {
            w = Ends(rest, "at") || Ends(rest, "bl") || Ends(rest, "iz") ? rest + "e"
                : EndsInDoubleConsonant(rest) && rest[^1] is not ('l' or 's' or 'z') ? rest[..^1]
                : Measure(rest) == 1 && EndsConsonantVowelConsonant(rest) ? rest + "e"
                : rest;
        }

        return Ends(w, "y") && HasVowel(w[..^1]) ? w[..^1] + "i" : w;
    }

    private static string Step5(string w)
    {
        if (Ends(w, "e"))
        {
            var m = Measure(w[..^1]);
            if (m > 1 || m == 1 && !EndsConsonantVowelConsonant(w[..^1])) w = w[..^1];
        }
        return Ends(w, "ll") && Measure(w) > 1 ? w[..^1] : w;
    }

    /// <summary>Applies the rule of the longest matching suffix, if its condition holds for the rest of the word.</summary>
    private static string Replace(string w, (string Suffix, string Replacement)[] rules, Func<string, string, bool> condition)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (!Ends(w, suffix)) continue;
            var rest = w[..^suffix.Length];
            return condition(rest, suffix) ? rest + replacement : w;
        }
        return w;
    }

    private static (string Suffix, string Replacement)[] LongestFirst((string Suffix, string Replacement)[] rules) =>
        [.. rules.OrderByDescending(r => r.Suffix.Length)];

    private static string? WithoutSuffixAfterVowel(string w, string suffix) =>
        Ends(w, suffix) && HasVowel(w[..^suffix.Length]) ? w[..^suffix.Length] : null;

    private static bool Ends(string w, string suffix) => w.EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsConsonant(string w, int i) =>
        w[i] is not ('a' or 'e' or 'i' or 'o' or 'u') && (w[i] != 'y' || i == 0 || !IsConsonant(w, i - 1));

    private static bool HasVowel(string w) => Enumerable.Range(0, w.Length).Any(i => !IsConsonant(w, i));

    /// <summary>Porter's m: how many vowel-consonant sequences the word has.</summary>
    private static int Measure(string w) => Enumerable.Range(1, Math.Max(0, w.Length - 1)).Count(i => IsConsonant(w, i) && !IsConsonant(w, i - 1));

    private static bool EndsInDoubleConsonant(string w) => w.Length >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1);

    private static bool EndsConsonantVowelConsonant(string w) =>
        w.Length >= 3 && IsConsonant(w, w.Length - 3) && !IsConsonant(w, w.Length - 2) && IsConsonant(w, w.Length - 1)
        && w[^1] is not ('w' or 'x' or 'y');
}
