using System.Text;

namespace Support.Benchmarks.KnowledgeBase;

/// <summary>A generated article, as POST /api/kb/articles takes it.</summary>
public sealed record GeneratedArticle(string Title, string Body, string Summary, string Locale, string[] Tags);

/// <summary>
/// Help-centre articles: even indexes English, odd ones Chinese (a third of those written with English product words:
/// App, iPhone, Brightdesk …). Each has a topic, a title, a one-line summary, tags and a Markdown body of 150–400
/// words (English) or characters (Chinese): an introduction, numbered steps, troubleshooting bullets and a note.
/// Article i is the same for a given seed however many writers load them and in whatever order.
/// </summary>
public static class ArticleGenerator
{
    public const double MixedShare = 1.0 / 3;

    private static readonly string[] EnTitles =
    [
        "How to {v} your {n}", "How do I {v} a {s} {n}?", "Why is my {n} {s}?", "{N} is {s}", "Troubleshooting a {s} {n} in {p}",
        "{V} the {n} in {p}", "Can't {v} my {n}", "What to do when your {n} is {s}", "{N} and {n2}: frequently asked questions",
        "Setting up {n} for {p}", "Error {code} when you {v} the {n}", "{V} the {n} of a {g}", "{N} {s} after an update",
        "Managing {n} and {n2} settings",
    ];

    private static readonly string[] EnSummaries =
    [
        "Learn how to {v} your {n} and what to do when it is {s}.", "What to check when the {n} is {s} in {p}.",
        "Steps to {v} the {n} and the {n2}.", "Why the {n} can be {s}, and how to fix it.", "Everything about the {n} in {p}, step by step.",
    ];

    private static readonly string[] EnSentences =
    [
        "If your {n} is {s}, {v} the {n2} and try again.", "To {v} your {n}, open {p} and go to **{G}** > **{N}**.",
        "You can {v} the {n} from the {g} page in {p}.", "Some customers see a {s} {n} after they {v} their {n2}.",
        "Make sure the {n} is not {s} before you {v} the {n2}.", "The {n} may take up to {num} minutes to {v}.",
        "Contact support if the {n} is still {s} after {num} hours.", "This applies to {p} accounts in {city} and other regions.",
        "When the {n} shows error `{code}`, the {n2} is usually {s}.", "Admins can {v} the {n} for every {g} in the {g2} settings.",
        "We recommend that you {v} the {n} once a {g}.", "{P} keeps a copy of the {n} for {num} days.",
        "Changes to the {n} apply to new {n2} requests only.", "If you use {p}, the {n} and the {n2} are synced automatically.",
        "A {s} {n} does not affect your {n2}.", "You will get a {g} when the {n} is ready.", "Only the {g} owner can {v} a {s} {n}.",
        "Check the {g} for the latest {n} status before you {gv} anything.", "Error `{code}` means that the {n} could not be processed.",
        "Most {n} problems are solved when you {v} the {n2}.", "The {n} is {s} when the {n2} in {p} is {s2}.",
        "Your {n} and {n2} stay the same when you {v} the {g}.", "In {p}, each {g} has its own {n} and {n2}.",
    ];

    private static readonly string[] EnSteps =
    [
        "{GV} **{G}** in the top right corner.", "Open **{N}** and {gv} **{V}**.", "{GV} the {n} you want to {v}.",
        "Enter your {n} and {gv} **Save**.", "Wait {num} minutes, then {v} the {n} again.", "{V} the {n2} if it is {s}.",
        "Go to **{G}** > **{N}** > **{N2}**.", "{GV} **{V} {n}** and confirm.", "In {p}, {gv} the **{N}** tab.",
    ];

    private static readonly string[] EnIntroHeadings = ["## Before you start", "## Steps", "## How to fix it", "## What to do"];
    private static readonly string[] EnMoreHeadings = ["## If it still does not work", "## Troubleshooting", "## Good to know", "## Common causes"];

    private static readonly string[] ZhTitles =
    [
        "如何{v}{n}", "{n}{s}怎么办？", "为什么{n}{s}？", "{p}{n}常见问题", "{v}{n}的步骤", "关于{n}的说明", "{n}{s}的解决方法",
        "在{e}上{v}{n}", "错误码{code}：{n}{s}", "{n}和{n2}设置指南", "{p}中{v}{n}后{n2}{s}",
    ];

    private static readonly string[] ZhSummaries =
    [
        "介绍如何{v}{n}，以及{n}{s}时的处理方法。", "{n}{s}时需要检查的事项。", "{v}{n}和{n2}的完整步骤。", "{p}用户{v}{n}前需要了解的内容。",
    ];

    private static readonly string[] ZhSentences =
    [
        "如果您的{n}{s}，请先{v}{n2}，然后重新{v2}。", "在{p}中打开「{g}」页面，点击「{v}{n}」即可。", "部分用户在{v}{n}时会遇到{n2}{s}的问题。",
        "{n}通常需要{num}分钟才能{v}完成。", "请确认{n}没有{s}，否则{n2}可能无法{v}。", "如果页面提示错误码{code}，说明{n}{s}。",
        "{city}地区的用户可以在{g}中{v}{n}。", "管理员可以在{g}里为所有成员{v}{n}。", "{n}{s}不会影响您的{n2}。", "我们建议您每{num}天{v}一次{n}。",
        "使用{e}的用户，{n}会自动{v}。", "若{num}小时后{n}仍然{s}，请联系{g}。", "{v}{n}之前，请先{gv}{g}。", "大多数{n}问题在{v}{n2}之后即可解决。",
        "{p}会保留{n}记录{num}天。", "通过{e}{v}{n}时，{n2}可能会{s}。", "{n}和{n2}在{p}中是分开管理的。",
    ];

    private static readonly string[] ZhSteps =
    [
        "点击右上角的「{g}」。", "进入「{g}」>「{n}」。", "选择需要{v}的{n}。", "输入{n}后点击「保存」。", "等待{num}分钟后重新{v}{n}。",
        "如果{n2}{s}，请先{v}。", "在{e}中打开「{n}」并{gv}。", "{gv}「{v}{n}」并确认。",
    ];

    private static readonly string[] ZhIntroHeadings = ["## 解决步骤", "## 操作步骤", "## 处理方法"];
    private static readonly string[] ZhMoreHeadings = ["## 常见原因", "## 注意事项", "## 仍然无法解决？", "## 相关说明"];

    // Mixed Chinese articles use more English words: these stand in for some Chinese templates.
    private static readonly string[] MixedSentences =
    [
        "在{e}上{v}{n}时，如果提示{code}，请先{v2}{e}。", "{p}的{e}版本支持{v}{n}。", "部分{e}用户反馈{n}{s}，请更新{e}后重试。",
    ];

    public static bool IsChinese(long index) => index % 2 == 1;

    public static GeneratedArticle Generate(int seed, long index)
    {
        var random = new Random(HashCode(seed, index));
        var chinese = IsChinese(index);
        var mixed = chinese && random.NextDouble() < MixedShare;
        var topic = Vocabulary.NextTopic(random);
        var related = Vocabulary.NextTopic(random);
        var phrases = new Phrases(random, topic, related, chinese, mixed);
        var tags = topic.Tags.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
        if (related != topic && random.NextDouble() < 0.3)
            tags.Add(related.Tags[0]);
        if (random.NextDouble() < 0.2)
            tags.Add(Vocabulary.Products.Next(random).ToLowerInvariant());
        tags = tags.Distinct().ToList();

        return chinese
            ? new GeneratedArticle(phrases.Pick(ZhTitles), ChineseBody(phrases, mixed), phrases.Pick(ZhSummaries), "zh-CN", [.. tags])
            : new GeneratedArticle(Capitalised(phrases.Pick(EnTitles)), EnglishBody(phrases), phrases.Pick(EnSummaries), "en", [.. tags]);
    }

    private static string EnglishBody(Phrases phrases)
    {
        var random = phrases.Random;
        var target = random.Next(150, 401);
        var body = new MarkdownText(WordCount);

        body.Block(Paragraph(phrases, EnSentences, 2 + random.Next(2)));
        body.Block(EnIntroHeadings[random.Next(EnIntroHeadings.Length)]);
        var steps = 3 + random.Next(4);
        for (var i = 1; i <= steps; i++)
            body.ListItem($"{i}. {phrases.Pick(EnSteps)}");
        body.Block(EnMoreHeadings[random.Next(EnMoreHeadings.Length)]);
        while (body.Size < target - 25)
        {
            if (random.NextDouble() < 0.6)
                body.ListItem($"- {Capitalised(phrases.Pick(EnSentences))}");
            else
                body.Block(Paragraph(phrases, EnSentences, 2));
        }
        body.Block($"> **Note:** {Capitalised(phrases.Pick(EnSentences))}");
        return body.ToString();
    }

    private static string ChineseBody(Phrases phrases, bool mixed)
    {
        var random = phrases.Random;
        var target = random.Next(150, 401);
        var body = new MarkdownText(text => text.Count(char.IsLetterOrDigit));
        string Sentence() => mixed && random.NextDouble() < 0.3 ? phrases.Pick(MixedSentences) : phrases.Pick(ZhSentences);

        body.Block("## 问题描述");
        body.Block(string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Sentence())));
        body.Block(ZhIntroHeadings[random.Next(ZhIntroHeadings.Length)]);
        var steps = 3 + random.Next(3);
        for (var i = 1; i <= steps; i++)
            body.ListItem($"{i}. {phrases.Pick(ZhSteps)}");
        body.Block(ZhMoreHeadings[random.Next(ZhMoreHeadings.Length)]);
        while (body.Size < target - 20)
        {
            if (random.NextDouble() < 0.5)
                body.ListItem($"- {Sentence()}");
            else
                body.Block(Sentence() + Sentence());
        }
        body.Block($"> **提示：**{Sentence()}");
        return body.ToString();
    }

    /// <summary>Markdown blocks separated by blank lines, list items kept together; Size is how much text it holds (words or characters).</summary>
    private sealed class MarkdownText(Func<string, int> size)
    {
        private readonly StringBuilder text = new(3000);
        private bool inList;

        public int Size { get; private set; }

        public void Block(string block)
        {
            if (text.Length > 0)
                text.Append("\n\n");
            Add(block);
            inList = false;
        }

        public void ListItem(string item)
        {
            if (text.Length > 0)
                text.Append(inList ? "\n" : "\n\n");
            Add(item);
            inList = true;
        }

        private void Add(string block)
        {
            text.Append(block);
            Size += size(block);
        }

        public override string ToString() => text.ToString() + "\n";
    }

    private static string Paragraph(Phrases phrases, string[] sentences, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Capitalised(phrases.Pick(sentences))));

    public static int WordCount(string text) =>
        text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    private static string Capitalised(string text) => text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // A stable seed per (seed, index): .NET's string and HashCode hashes are randomised per process, this is not.
    public static int HashCode(int seed, long index)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (int)(h & 0x7FFFFFFF);
    }
}
