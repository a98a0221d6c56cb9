using Support.Channels.Email;
using Support.Channels.Inbound;

namespace Support.Channels.Tests.Inbound;

public sealed class ReplyTextTests
{
    [Theory]
    [InlineData("Works now, thanks!\n\nOn Mon, Dec 7, 2026 at 10:00 AM Support <support@acme.test> wrote:\n> Hello\n> Try again")]
    [InlineData("Works now, thanks!\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nHello")]
    [InlineData("Works now, thanks!\n\n________________________________\nFrom: Support <support@acme.test>\nSent: Monday, December 7, 2026")]
    [InlineData("Works now, thanks!\n-- \nAlice Smith\nACME Corp | +1 555 0100")]
    [InlineData("Works now, thanks!\n\nSent from my iPhone")]
    [InlineData("Works now, thanks!\n\n> Hello\n> Try again\n\n")]
    public void Quoted_history_and_signatures_are_trimmed_from_replies(string reply) =>
        Assert.Equal("Works now, thanks!", ReplyTrimmer.Trim(reply));

    [Theory]
    [InlineData("好的，已经可以登录了，谢谢！\n\n在 2026年12月7日 周一 10:00，Support <support@acme.test> 写道：\n> 您好")]
    [InlineData("好的，已经可以登录了，谢谢！\n\n------------------ 原始邮件 ------------------\n发件人: \"Support\"")]
    [InlineData("好的，已经可以登录了，谢谢！\n\n发件人：Support\n发送时间：2026年12月7日")]
    [InlineData("好的，已经可以登录了，谢谢！\n\n发自我的iPhone")]
    public void Chinese_mail_clients_quotes_are_trimmed_too(string reply) =>
        Assert.Equal("好的，已经可以登录了，谢谢！", ReplyTrimmer.Trim(reply));

    [Fact]
    public void A_reply_that_is_all_quote_is_kept_whole() =>
        Assert.Equal("> only a quote", ReplyTrimmer.Trim("> only a quote"));

    [Fact]
    public void A_line_that_merely_mentions_writing_is_kept() =>
        Assert.Equal("On Monday I wrote: the printer broke.\nStill broken.", ReplyTrimmer.Trim("On Monday I wrote: the printer broke.\nStill broken."));

    [Fact]
    public void Html_becomes_lines_of_text_without_scripts_or_styles() =>
        Assert.Equal("Title\nHello & welcome, friend.\n- one\n- two",
            HtmlText.ToPlainText("<html><head><title>x</title><style>p{}</style></head><body><h1>Title</h1><p>Hello &amp; <b>welcome</b>,\n friend.</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul></body></html>"));
}
