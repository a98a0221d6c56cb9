using Support.Text;

namespace Support.Routing.Classification;

/// <summary>Which kinds of feature TextFeatures.Of extracts.</summary>
[Flags]
public enum FeatureKinds
{
    /// <summary>The shared tokenizer's: English words and their stems, Chinese character bigrams.</summary>
    Tokens = 1,

    /// <summary>jieba's Chinese words.</summary>
    ChineseWords = 2,

    /// <summary>Character 3- to 5-grams within each English word, its edges marked.</summary>
    WordNGrams = 4,
}

/// <summary>The features logistic regression reads from a ticket's text; each kind has its own prefix, so an English word and an n-gram of the same letters stay apart.</summary>
public static class TextFeatures
{
    // 5-fold cross-validation on the labelled set, at 50 tickets per category and with all: jieba's words beside the
    // bigrams add about a point of macro-F1 on Chinese; n-grams within English words cost 2 to 4 points on English.
    public const FeatureKinds Default = FeatureKinds.Tokens | FeatureKinds.ChineseWords;

    public static List<string> Of(string text, FeatureKinds kinds = Default)
    {
        var features = (kinds & FeatureKinds.Tokens) != 0 ? [.. TextTokenizer.Tokenize(text)] : new List<string>();
        foreach (var run in TextTokenizer.Runs(text))
        {
            if (run.IsCjk)
            {
                if ((kinds & FeatureKinds.ChineseWords) != 0)
                    foreach (var word in ChineseWords.Of(run.Text))
                        features.Add("w:" + word);
            }
            else if ((kinds & FeatureKinds.WordNGrams) != 0 && !TextTokenizer.IsStopWord(run.Text) && run.Text.Length > 3)
            {
                var word = $"<{run.Text}>";
                for (var n = 3; n <= 5; n++)
                    for (var i = 0; i + n <= word.Length; i++)
                        features.Add("c:" + word.Substring(i, n));
            }
        }
        return features;
    }
}
