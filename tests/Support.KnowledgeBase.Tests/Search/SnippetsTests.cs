using System.Net;
using System.Text.RegularExpressions;
using Support.KnowledgeBase.Search;

namespace Support.KnowledgeBase.Tests.Search;

/// <summary>The snippet a search hit or an answer shows: HTML, the text escaped, the matches in &lt;mark&gt;.</summary>
public sealed partial class SnippetsTests
{
    private const string Filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed eiusmod tempor incididunt labore dolore magna aliqua. ";

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>The snippet as the reader sees it: marks and ellipses removed, entities decoded.</summary>
    private static string Plain(string snippet) => WebUtility.HtmlDecode(snippet.Replace("<mark>", "").Replace("</mark>", "").Trim('…'));

    private static List<string> Marked(string snippet) => MarkRegex().Matches(snippet).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("<mark>(.*?)</mark>")]
    private static partial Regex MarkRegex();

    /// <summary>Any tag but mark: there must never be one.</summary>
    [GeneratedRegex("<(?!/?mark>)")]
    private static partial Regex OtherTagRegex();

    [Fact]
    public void Every_form_of_an_English_term_is_marked_as_written()
    {
        Assert.Equal("<mark>Refunds</mark> are <mark>REFUNDED</mark> to the card you paid with.",
            Snippets.Highlight("Refunds are REFUNDED to the card you paid with.", SearchTerms.ForQuery("refund")));
    }

    [Fact]
    public void The_text_is_HTML_escaped_and_the_only_tags_are_the_marks()
    {
        var snippet = Snippets.Highlight("Paste <script>alert(\"hi\")</script> & press <b>Enter</b>", SearchTerms.ForQuery("script press"));

        Assert.Equal("Paste &lt;<mark>script</mark>&gt;alert(&quot;hi&quot;)&lt;/<mark>script</mark>&gt; &amp; <mark>press</mark> &lt;b&gt;Enter&lt;/b&gt;", snippet);
        Assert.DoesNotMatch(OtherTagRegex(), snippet);
        Assert.DoesNotMatch(OtherTagRegex(), Snippets.Highlight("<img src=x onerror=alert(1)> nothing matches", ["refund"]));
    }

    [Fact]
    public void Neighbouring_Chinese_matches_are_marked_as_one_and_a_lone_character_is_marked_alone()
    {
        const string text = "在订单页面点击申请退款，退款将原路退回。";

        Assert.Equal("在订单页面点击<mark>申请退款</mark>，<mark>退款</mark>将原路退回。", Snippets.Highlight(text, SearchTerms.ForQuery("申请退款")));
        Assert.Equal("在订单页面点击申请<mark>退</mark>款，<mark>退</mark>款将原路<mark>退</mark>回。", Snippets.Highlight(text, SearchTerms.ForQuery("退")));
    }

    [Fact]
    public void Mixed_Chinese_and_English_are_both_marked()
    {
        Assert.Equal("<mark>API</mark> <mark>接口</mark>返回 <mark>404</mark> 错误",
            Snippets.Highlight("API 接口返回 404 错误", SearchTerms.ForQuery("API 接口 404")));
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_texts_beginning()
    {
        Assert.Equal("Short &amp; sweet.", Snippets.Highlight("Short & sweet.", ["refund"]));

        var text = Repeat(Filler, 5);
        var snippet = Snippets.Highlight(text, ["refund"]);
        Assert.Equal(text[..200] + "…", snippet);
    }

    [Fact]
    public void The_window_is_the_one_holding_the_most_matches_with_some_context_before_them()
    {
        var text = "Refunds: " + Repeat(Filler, 4) + "To get a refund, open the order: refunds go back to the card, and a refund takes a week. " + Repeat(Filler, 4);

        var snippet = Snippets.Highlight(text, SearchTerms.ForQuery("refund"));

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Equal(["refund", "refunds", "refund"], Marked(snippet));
        var plain = Plain(snippet);
        Assert.InRange(plain.Length, 150, 200);
        var at = text.IndexOf(plain, StringComparison.Ordinal);
        Assert.True(at > 0, "The snippet is a window of the text.");
        Assert.True(char.IsWhiteSpace(text[at - 1]), $"The window starts at a word: «{plain[..20]}»");
        var firstMatch = plain.IndexOf("refund", StringComparison.Ordinal);
        Assert.InRange(firstMatch, 10, 60); // context before the first match, but the matches are near the start
    }

    [Fact]
    public void A_Chinese_window_starts_a_little_before_the_match_with_no_space_needed()
    {
        var filler = Repeat("我们的客服团队每天都会认真处理您的问题并及时回复。", 12);
        var text = filler + "如果需要退款，请在订单页面点击申请。" + filler;

        var snippet = Snippets.Highlight(text, SearchTerms.ForQuery("退款"), maxLength: 100);

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Equal(["退款"], Marked(snippet));
        var plain = Plain(snippet);
        Assert.Equal(100, plain.Length);
        Assert.Contains(plain, text);
        Assert.InRange(plain.IndexOf("退款", StringComparison.Ordinal), 20, 40);
    }

    [Fact]
    public void The_snippet_never_exceeds_its_length_in_text()
    {
        var text = Repeat("refund " + Filler, 10);
        foreach (var length in new[] { 50, 120, 200 })
            Assert.InRange(Plain(Snippets.Highlight(text, ["refund"], length)).Length, 1, length);
    }
}
