using Support.Analytics.Sentiment;

namespace Support.Analytics.Tests.Sentiment;

public sealed class SentimentScorerTests
{
    [Theory]
    [InlineData("Great support, thanks!")]
    [InlineData("The agent was very helpful and the issue was resolved quickly.")]
    [InlineData("I love the new dashboard, excellent work")]
    [InlineData("Perfect, that fixed it. Awesome!")]
    [InlineData("Thank you so much, really appreciate it")]
    [InlineData("Not bad at all, happy with the answer")]
    [InlineData("客服很好，谢谢！")]
    [InlineData("非常满意，问题解决了")]
    [InlineData("速度很快，服务不错")]
    [InlineData("太棒了，感谢你们的耐心")]
    [InlineData("处理得很及时，专业又贴心")]
    [InlineData("The app 很好用, thanks!")]
    [InlineData("问题已解决, great job")]
    public void Clear_positives_score_above_0_3(string text) => Assert.True(SentimentScorer.Score(text) > 0.3, $"{text}: {SentimentScorer.Score(text)}");

    [Theory]
    [InlineData("This is terrible, the app keeps crashing")]
    [InlineData("Worst support ever. Useless.")]
    [InlineData("I'm really frustrated and disappointed")]
    [InlineData("The export is broken and slow, I want a refund")]
    [InlineData("It doesn't work and nobody replied")]
    [InlineData("Not good. Not helpful at all.")]
    [InlineData("服务太差了，我要投诉")]
    [InlineData("非常失望，垃圾软件")]
    [InlineData("一直闪退，崩溃了")]
    [InlineData("等了三天还没有回复，太慢了")]
    [InlineData("不满意，要求退款")]
    [InlineData("客服 response was terrible, 太慢了")]
    [InlineData("Login fails every time, 真的很生气")]
    public void Clear_negatives_score_below_minus_0_3(string text) => Assert.True(SentimentScorer.Score(text) < -0.3, $"{text}: {SentimentScorer.Score(text)}");

    [Theory]
    [InlineData("I have a question about my invoice")]
    [InlineData("请问发票怎么开")]
    [InlineData("There is a problem with my account, question about billing")]
    [InlineData("你好，我想问一下快递什么时候到")]
    [InlineData("不好意思，麻烦您帮我查一下订单")]
    [InlineData("差不多是上周三下的单")]
    [InlineData("12345 ??? ...")]
    public void Text_without_sentiment_words_scores_zero(string text) => Assert.Equal(0, SentimentScorer.Score(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Empty_text_scores_zero(string text) => Assert.Equal(0, SentimentScorer.Score(text));

    [Theory]
    [InlineData("good", "not good")]
    [InlineData("helpful", "not helpful")]
    [InlineData("happy", "I'm not happy")]
    [InlineData("great", "it isn't great")]
    [InlineData("great", "it isn’t great")] // typographic apostrophe
    [InlineData("satisfied", "never satisfied")]
    [InlineData("满意", "不满意")]
    [InlineData("好", "不好")]
    [InlineData("好", "不太好")]
    [InlineData("方便", "不方便")]
    [InlineData("稳定", "一点都不稳定")]
    [InlineData("满意", "并不满意")]
    [InlineData("解决了", "没有解决")]
    [InlineData("解决了", "还没解决")]
    public void A_negator_turns_a_positive_negative(string positive, string negated)
    {
        Assert.True(SentimentScorer.Score(positive) > 0, positive);
        Assert.True(SentimentScorer.Score(negated) < 0, $"{negated}: {SentimentScorer.Score(negated)}");
    }

    [Theory]
    [InlineData("bad", "not bad")]
    [InlineData("terrible", "not terrible")]
    [InlineData("slow", "wasn't slow")]
    [InlineData("差", "不差")]
    [InlineData("慢", "一点也不慢")]
    [InlineData("麻烦", "不麻烦")]
    [InlineData("担心", "别担心")]
    public void A_negator_turns_a_negative_positive(string negative, string negated)
    {
        Assert.True(SentimentScorer.Score(negative) < 0, negative);
        Assert.True(SentimentScorer.Score(negated) > 0, $"{negated}: {SentimentScorer.Score(negated)}");
    }

    [Theory]
    [InlineData("It doesn't work")]
    [InlineData("I never received the refund confirmation")]
    [InlineData("没有收到退款")]
    [InlineData("无法登录")]
    [InlineData("I can't log in")]
    [InlineData("The agent couldn't fix it")]
    public void Words_neutral_alone_read_as_a_complaint_when_negated(string text) => Assert.True(SentimentScorer.Score(text) < 0, $"{text}: {SentimentScorer.Score(text)}");

    [Theory]
    [InlineData("still no refund")]
    [InlineData("I can't cancel my plan")]
    [InlineData("没退款")]
    public void Refund_and_cancel_stay_negative_under_a_negator(string text) => Assert.True(SentimentScorer.Score(text) < 0, $"{text}: {SentimentScorer.Score(text)}");

    [Theory]
    [InlineData("It works")]
    [InlineData("Can you fix my login?")]
    [InlineData("请帮我解决一下")]
    [InlineData("已收到")]
    [InlineData("没有问题")]
    [InlineData("no problem")]
    public void Words_neutral_alone_and_problem_do_not_score(string text) => Assert.Equal(0, SentimentScorer.Score(text));

    [Theory]
    [InlineData("不错")] // contains 不 but is a positive word of its own
    [InlineData("很不错")]
    [InlineData("还不错")]
    public void Bu_cuo_is_positive(string text) => Assert.True(SentimentScorer.Score(text) > 0.3, $"{text}: {SentimentScorer.Score(text)}");

    [Theory]
    [InlineData("good", "very good")]
    [InlineData("good", "really really good")]
    [InlineData("helpful", "extremely helpful")]
    [InlineData("bad", "so bad")]
    [InlineData("slow", "too slow")]
    [InlineData("好", "非常好")]
    [InlineData("好", "很好")]
    [InlineData("满意", "特别满意")]
    [InlineData("慢", "太慢")]
    [InlineData("差", "极其差")]
    [InlineData("好", "好!")]
    public void An_intensifier_or_exclamation_raises_the_magnitude(string plain, string intensified) =>
        Assert.True(Math.Abs(SentimentScorer.Score(intensified)) > Math.Abs(SentimentScorer.Score(plain)), $"{plain} vs {intensified}");

    [Theory]
    [InlineData("slow", "slightly slow")]
    [InlineData("慢", "有点慢")]
    public void A_dampener_lowers_the_magnitude(string plain, string dampened) =>
        Assert.True(Math.Abs(SentimentScorer.Score(dampened)) < Math.Abs(SentimentScorer.Score(plain)), $"{plain} vs {dampened}");

    [Theory]
    [InlineData("The agent was helpful but the fix is terrible", -1)]
    [InlineData("The wait was terrible but the agent was great", 1)]
    [InlineData("客服很热情，但是问题一直没解决，很失望", -1)]
    [InlineData("客服态度很好，但是问题还是没有解决", -1)]
    public void After_but_weighs_more(string text, int sign) => Assert.Equal(sign, Math.Sign(SentimentScorer.Score(text)));

    [Fact]
    public void Negation_does_not_cross_punctuation()
    {
        Assert.True(SentimentScorer.Score("No, it was great") > 0.3);
        Assert.True(SentimentScorer.Score("没有，服务很好") > 0.3);
    }

    [Fact]
    public void Score_is_VADER_normalised_and_rounded_to_four_decimals()
    {
        Assert.Equal(Math.Round(2 / Math.Sqrt(4 + 15), 4), SentimentScorer.Score("good"));
        Assert.Equal(Math.Round(-2 * -0.74 / Math.Sqrt(2 * 0.74 * 2 * 0.74 + 15), 4), SentimentScorer.Score("not bad"));
        Assert.Equal(Math.Round((2 + 2) / Math.Sqrt(16 + 15), 4), SentimentScorer.Score("满意 thanks"));
    }

    [Fact]
    public void A_long_rant_stays_within_bounds()
    {
        var rant = string.Concat(Enumerable.Repeat("terrible awful useless 垃圾 崩溃 !!! ", 200));
        var score = SentimentScorer.Score(rant);
        Assert.InRange(score, -1, -0.99);
    }

    [Fact]
    public void Random_strings_score_within_minus_one_and_one()
    {
        var random = new Random(7);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz '!?.,，。！好差不没很非常满意错慢快棒垃圾谢";
        string[] words = ["good", "bad", "not", "very", "but", "great", "terrible", "n't", "不错", "不满意", "太", "但是", "没有"];
        for (var sample = 0; sample < 2000; sample++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ =>
                random.Next(4) == 0 ? " " + words[random.Next(words.Length)] + " " : alphabet[random.Next(alphabet.Length)].ToString()));
            var score = SentimentScorer.Score(text);
            Assert.InRange(score, -1, 1);
            Assert.Equal(Math.Round(score, 4), score);
        }
        for (var sample = 0; sample < 500; sample++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => (char)random.Next(1, 0xFFFF)).ToArray());
            Assert.InRange(SentimentScorer.Score(text), -1, 1);
        }
    }
}
