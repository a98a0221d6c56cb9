using Support.Text;

namespace Support.Routing.Tests.Classification;

public class TextTokenizerTests
{
    [Fact]
    public void Chinese_runs_become_character_bigrams()
    {
        Assert.Equal(["无法", "法登", "登录"], TextTokenizer.Tokenize("无法登录"));
    }

    [Fact]
    public void Punctuation_splits_Chinese_runs_and_a_lone_character_stays_a_unigram()
    {
        Assert.Equal(["退款", "急"], TextTokenizer.Tokenize("退款，急！"));
    }

    [Fact]
    public void English_words_are_lowercased_and_stop_words_dropped()
    {
        Assert.Equal(["cannot", "login", "page"], TextTokenizer.Tokenize("I cannot LOGIN to the page"));
    }

    [Fact]
    public void English_words_come_with_their_stems()
    {
        Assert.Equal(["refunds", "refund"], TextTokenizer.Tokenize("refunds"));
        Assert.Contains("refund", TextTokenizer.Tokenize("refunded"));
        Assert.Contains("charg", TextTokenizer.Tokenize("charges"));
        Assert.Contains("charg", TextTokenizer.Tokenize("charged"));
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("agreed", "agre")]
    [InlineData("hopping", "hop")]
    [InlineData("relational", "relat")]
    [InlineData("notifications", "notif")]
    [InlineData("subscription", "subscript")]
    [InlineData("happy", "happi")]
    [InlineData("api", "api")]
    public void The_stemmer_follows_Porter(string word, string stem)
    {
        Assert.Equal(stem, TextTokenizer.Tokenize(word)[^1]);
    }

    [Fact]
    public void Mixed_Chinese_and_English_keeps_both()
    {
        Assert.Equal(["webhook", "收不", "不到", "api", "token", "失效"], TextTokenizer.Tokenize("webhook收不到，API token失效"));
    }

    [Fact]
    public void Full_width_letters_read_as_ASCII()
    {
        Assert.Equal(["api", "接口", "404"], TextTokenizer.Tokenize("ＡＰＩ接口 ４０４"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData("!!! ??? ... 😀🎉 —")]
    [InlineData("the and of to")]
    public void Text_without_content_has_no_tokens(string text)
    {
        Assert.Empty(TextTokenizer.Tokenize(text));
    }

    [Fact]
    public void Emoji_and_symbols_between_words_are_ignored()
    {
        Assert.Equal(["app", "crash", "崩溃"], TextTokenizer.Tokenize("app 😡 crash!!! 崩溃"));
    }
}
