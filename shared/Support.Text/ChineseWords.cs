using JiebaNet.Segmenter;

namespace Support.Text;

/// <summary>
/// Chinese word segmentation by jieba: its dictionary's words, and words it does not know found by its hidden Markov
/// model ("我的账户无法登录" → 我 / 的 / 账户 / 无法 / 登录). Read-only once loaded, so concurrent callers share it.
/// </summary>
public static class ChineseWords
{
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() => new JiebaSegmenter());

    /// <summary>The words of a run of Chinese characters, in order.</summary>
    public static IEnumerable<string> Of(string chinese) => Segmenter.Value.Cut(chinese, cutAll: false, hmm: true);

    /// <summary>Loads the dictionary (about a second): hosts call it at start-up so no request waits for it.</summary>
    public static void Load() => Of("预热").Consume();

    private static void Consume(this IEnumerable<string> words)
    {
        foreach (var _ in words) { }
    }
}
