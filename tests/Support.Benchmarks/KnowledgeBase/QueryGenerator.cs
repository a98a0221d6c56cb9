namespace Support.Benchmarks.KnowledgeBase;

/// <summary>What kind of text a query is, for the latency breakdown.</summary>
public enum QueryKind { English, EnglishTypo, Chinese, ChineseTypo, Mixed }

public sealed record Query(string Text, string Locale, QueryKind Kind);

/// <summary>
/// What people type, drawn from the articles' own vocabulary with the same Zipf-like frequencies: half English, half
/// Chinese. Search boxes get 1–4 English words ("reset password", "invoice vat missing") or 2–6 Chinese characters
/// ("退款未到账"), the answer bot whole questions ("Why is my invoice declined?", "为什么我的订单延迟？"). About one query
/// in ten has a typo (a letter swapped, dropped, doubled or replaced; a Chinese homophone: 登陆 for 登录, 定单 for 订单), and a
/// fifth of the Chinese ones carry an English word ("App 闪退"). The locale is the one the text is written in, as a help
/// centre or chat widget sends it.
/// </summary>
public sealed class QueryGenerator(Random random)
{
    public const double TypoShare = 0.1;
    public const double MixedShare = 0.2;

    private static readonly string[] EnSearch1 = ["{n}", "{n}", "{s}", "{p}", "{code}"];
    private static readonly string[] EnSearch2 = ["{v} {n}", "{n} {s}", "{n} {n2}", "{s} {n}", "{p} {n}"];
    private static readonly string[] EnSearch3 = ["{v} {n} {n2}", "{p} {n} {s}", "{n} {s} {p}", "{v} my {n}", "{n} not {v}", "error {code} {n}"];
    private static readonly string[] EnSearch4 = ["how to {v} {n}", "{n} {s} after {n2}", "{v} {n} in {p}", "can't {v} {n} {n2}"];

    private static readonly string[] ZhSearch = ["{n}", "{n}{s}", "{v}{n}", "{n}{v}", "{n}{n2}", "{p}{n}", "{n}怎么{v}"];
    private static readonly string[] MixedSearch = ["{e}{n}", "{e} {s}", "{e}{v}{n}", "{n} {e}", "{p} {n}{s}"];

    private static readonly string[] EnQuestions =
    [
        "How do I {v} my {n}?", "Why is my {n} {s}?", "My {n} is {s}, what should I do?", "I can't {v} my {n} in {p}",
        "Can I {v} the {n} after the {n2} is {s}?", "{n} {s} when I {v} the {n2}", "Is it possible to {v} the {n} for my {g}?",
        "What happens to my {n} if I {v} my {n2}?", "error {code} when I try to {v} the {n}", "how long does it take to {v} a {n}",
        "where can I {v} the {n}", "{n} keeps being {s}",
    ];

    private static readonly string[] ZhQuestions =
    [
        "为什么我的{n}{s}？", "如何{v}{n}？", "{n}{s}怎么办？", "在{p}里怎么{v}{n}？", "我想{v}{n}，需要多久？", "{n}一直{s}，请问怎么处理",
        "请问可以{v}{n}吗？", "{v}{n}后{n2}{s}了", "提示错误码{code}是什么意思", "{n}在哪里{v}",
    ];

    private static readonly string[] MixedQuestions =
    [
        "{e}上{n}{s}怎么办？", "为什么{e}里{v}不了{n}？", "{e}提示{code}，{n}{s}", "如何在{e}中{v}{n}？",
    ];

    public Query NextSearch()
    {
        if (random.NextDouble() < 0.5)
        {
            var phrases = Phrases(chinese: false, mixed: false);
            var words = random.NextDouble() switch { < 0.3 => EnSearch1, < 0.65 => EnSearch2, < 0.9 => EnSearch3, _ => EnSearch4 };
            return English(phrases.Pick(words).ToLowerInvariant());
        }
        var mixed = random.NextDouble() < MixedShare;
        var zh = Phrases(chinese: true, mixed);
        var text = mixed ? zh.Pick(MixedSearch) : Shorten(zh.Pick(ZhSearch), 2, 6, zh);
        return Chinese(text, mixed);
    }

    public Query NextQuestion()
    {
        if (random.NextDouble() < 0.5)
            return English(Phrases(chinese: false, mixed: false).Pick(EnQuestions));
        var mixed = random.NextDouble() < MixedShare;
        var zh = Phrases(chinese: true, mixed);
        return Chinese(zh.Pick(mixed ? MixedQuestions : ZhQuestions), mixed);
    }

    private Phrases Phrases(bool chinese, bool mixed)
    {
        var topic = Vocabulary.NextTopic(random);
        return new Phrases(random, topic, random.NextDouble() < 0.8 ? topic : Vocabulary.NextTopic(random), chinese, mixed);
    }

    private Query English(string text)
    {
        if (random.NextDouble() >= TypoShare)
            return new Query(text, "en", QueryKind.English);
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5 && words[i].All(char.IsAsciiLetter)).ToList();
        if (candidates.Count == 0)
            return new Query(text, "en", QueryKind.English);
        var w = candidates[random.Next(candidates.Count)];
        words[w] = Typo(words[w]);
        return new Query(string.Join(' ', words), "en", QueryKind.EnglishTypo);
    }

    private Query Chinese(string text, bool mixed)
    {
        if (random.NextDouble() < TypoShare)
        {
            var words = Vocabulary.ZhTypos.Where(t => text.Contains(t.Right)).ToList();
            if (words.Count > 0 && random.NextDouble() < 0.5)
            {
                var (right, wrong) = words[random.Next(words.Count)];
                return new Query(text.Replace(right, wrong), "zh-CN", QueryKind.ChineseTypo);
            }
            var at = Enumerable.Range(0, text.Length).Where(i => Vocabulary.ZhHomophones.ContainsKey(text[i])).ToList();
            if (at.Count > 0)
            {
                var i = at[random.Next(at.Count)];
                return new Query(text[..i] + Vocabulary.ZhHomophones[text[i]] + text[(i + 1)..], "zh-CN", QueryKind.ChineseTypo);
            }
        }
        return new Query(text, "zh-CN", mixed ? QueryKind.Mixed : QueryKind.Chinese);
    }

    // A Chinese search of min..max characters: a longer one is cut, a shorter one gets another word.
    private string Shorten(string text, int min, int max, Phrases phrases)
    {
        while (text.Length < min)
            text += phrases.State();
        return text.Length <= max ? text : text[..random.Next(Math.Max(min, max - 2), max + 1)];
    }

    private const string Keyboard = "qwertyuiopasdfghjklzxcvbnm";

    // One slip of the fingers, not at the first letter: two letters swapped, one dropped, one doubled, or one replaced.
    private string Typo(string word)
    {
        var i = 1 + random.Next(word.Length - 1);
        return random.Next(4) switch
        {
            0 when i < word.Length - 1 && word[i] != word[i + 1] => word[..i] + word[i + 1] + word[i] + word[(i + 2)..],
            1 => word.Remove(i, 1),
            2 => word.Insert(i, word[i].ToString()),
            _ => word[..i] + Keyboard[random.Next(Keyboard.Length)] + word[(i + 1)..],
        };
    }
}
