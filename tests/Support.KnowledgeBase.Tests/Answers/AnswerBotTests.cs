using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.Contracts.KnowledgeBase;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Tests.Infrastructure;
using Support.KnowledgeBase.Tests.Search;
using Xunit.Abstractions;

namespace Support.KnowledgeBase.Tests.Answers;

/// <summary>
/// The answer bot (POST /api/kb/answers) on a small bilingual help centre (<see cref="HelpCenter"/>), and the
/// QuestionAnswered events its answers and their feedback publish. Tests that change articles use words of their own.
/// </summary>
public sealed class AnswerBotTests(HelpCenterApp fixture, ITestOutputHelper output) : IClassFixture<HelpCenterApp>
{
    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient customer = fixture.App.Client("customer:42");
    private readonly HttpClient agent = fixture.App.Client("agent:1");
    private KnowledgeBaseOptions Options => app.Services.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;

    [Theory]
    [InlineData("How do I reset my password?", "reset-password", "en")]
    [InlineData("I forgot my password", "reset-password", "en")]
    [InlineData("How do I request a refund?", "refund", "en")]
    [InlineData("How can I cancel my subscription?", "cancel-subscription", "en")]
    [InlineData("Where do I download an invoice?", "invoice", "en")]
    [InlineData("How do I turn on two-factor authentication?", "two-factor", "en")]
    [InlineData("Track my parcel", "shipping", "en")]
    [InlineData("The password reset email never arrived", "reset-password", "en")]
    [InlineData("Where is my parcel? I need the tracking number", "shipping", "en")]
    [InlineData("My refund is not on my card yet", "refund", "en")]
    [InlineData("我忘记密码了", "zh-password", "zh-CN")]
    [InlineData("忘记密码怎么办？", "zh-password", "zh-CN")]
    [InlineData("如何申请退款", "zh-refund", "zh-CN")]
    [InlineData("开具发票", "zh-invoice", "zh-CN")]
    public async Task A_clear_question_gets_the_article_that_answers_it_first_with_a_confidence(string question, string expected, string locale)
    {
        var answer = await customer.AskAsync(question);
        output.WriteLine($"«{question}»: {string.Join(", ", answer.Articles.Select(a => $"{a.Title} {a.Confidence}"))}");

        Assert.Equal(fixture.Ids[expected], answer.Articles[0].Id);
        Assert.False(answer.Handoff, $"Confidence {answer.Confidence} for «{question}»");
        Assert.Equal((question, locale), (answer.Question, answer.Locale));
        Assert.Equal(answer.Articles[0].Confidence, answer.Confidence);
        Assert.InRange(answer.AnswerProbability, 0.5, 1);
        Assert.InRange(answer.Articles.Count, 1, AnswersApi.MaxArticles);
        Assert.Equal(answer.Articles.Select(a => a.Confidence).OrderDescending(), answer.Articles.Select(a => a.Confidence));
        Assert.All(answer.Articles, a => Assert.Equal(locale, a.Locale));
        Assert.Equal(HelpCenter.Of(expected).Title, answer.Articles[0].Title);
        Assert.Contains("<mark>", answer.Articles[0].Snippet);
    }

    [Theory]
    [InlineData("Do you sell gift cards for the holidays?")]
    [InlineData("qwxzv plorf")]
    [InlineData("你们周末营业吗")]
    public async Task A_question_nothing_answers_is_handed_off(string question)
    {
        var answer = await customer.AskAsync(question);
        output.WriteLine($"«{question}»: {string.Join(", ", answer.Articles.Select(a => $"{a.Title} {a.Confidence}"))}");

        Assert.True(answer.Handoff);
        Assert.True(answer.AnswerProbability < 0.5, $"Probability {answer.AnswerProbability}");
        Assert.Equal(answer.Articles.FirstOrDefault()?.Confidence ?? 0, answer.Confidence);
    }

    [Fact]
    public async Task The_locale_is_detected_from_the_question_unless_given()
    {
        var english = await customer.AskAsync("How do I request a refund?");
        var chinese = await customer.AskAsync("如何申请退款");
        var mixed = await customer.AskAsync("退款 refund");
        Assert.Equal(("en", "zh-CN", "zh-CN"), (english.Locale, chinese.Locale, mixed.Locale));
        Assert.Equal(fixture.Ids["refund"], english.Articles[0].Id);
        Assert.Equal(fixture.Ids["zh-refund"], mixed.Articles[0].Id);

        // Given, the locale is the asker's: only its articles answer.
        var asked = await customer.AskAsync("How do I request a refund?", "zh-cn");
        Assert.Equal("zh-CN", asked.Locale);
        Assert.All(asked.Articles, a => Assert.Equal("zh-CN", a.Locale));
        Assert.True(asked.Handoff);
        var inEnglish = await customer.AskAsync("退款 refund", "en");
        Assert.Equal(fixture.Ids["refund"], inEnglish.Articles[0].Id);
    }

    [Fact]
    public async Task Asking_publishes_QuestionAnswered_and_solved_feedback_publishes_it_again_deflected()
    {
        var answer = await customer.AskAsync("How do I reset my password?");
        Assert.False(answer.Handoff);

        var asked = Assert.Single(await app.Events!.WaitForAsync<QuestionAnswered>(e => e.AnswerId == answer.Id));
        Assert.Equal(("en", true, false, (bool?)null, answer.Confidence), (asked.Locale, asked.Matched, asked.Handoff, asked.Deflected, asked.TopConfidence));
        Assert.Equal(answer.Articles.Select(a => a.Id), asked.ArticleIds);
        Assert.Equal(fixture.Ids["reset-password"], asked.ArticleIds[0]);

        var feedback = await customer.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = true });
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        var given = await feedback.ReadAsync<FeedbackResponse>();
        Assert.Equal((answer.Id, true), (given.Id, given.Deflected));

        var events = await app.Events.WaitForAsync<QuestionAnswered>(e => e.AnswerId == answer.Id, count: 2);
        Assert.Equal(2, events.Count);
        var solved = Assert.Single(events, e => e.Deflected is not null);
        Assert.Equal((true, true, false, asked.AskedAt, asked.TopConfidence), (solved.Deflected!.Value, solved.Matched, solved.Handoff, solved.AskedAt, solved.TopConfidence));
        Assert.Equal(asked.ArticleIds, solved.ArticleIds);
        Assert.True(solved.At >= asked.At);
        Assert.Equal(1, await app.CountAsync($"answers WHERE \"Id\" = '{answer.Id}' AND \"Deflected\" AND \"FeedbackAt\" IS NOT NULL"));
    }

    [Fact]
    public async Task A_handed_off_question_is_published_unmatched_and_feedback_may_say_it_was_not_solved()
    {
        var answer = await customer.AskAsync("Do you sell gift cards for the holidays?");
        Assert.True(answer.Handoff);

        var asked = Assert.Single(await app.Events!.WaitForAsync<QuestionAnswered>(e => e.AnswerId == answer.Id));
        Assert.Equal((false, true, (bool?)null, answer.Confidence), (asked.Matched, asked.Handoff, asked.Deflected, asked.TopConfidence));

        var feedback = await customer.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = false });
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.False((await feedback.ReadAsync<FeedbackResponse>()).Deflected);
        var events = await app.Events.WaitForAsync<QuestionAnswered>(e => e.AnswerId == answer.Id, count: 2);
        var notSolved = Assert.Single(events, e => e.Deflected is not null);
        Assert.Equal((false, false, true), (notSolved.Deflected!.Value, notSolved.Matched, notSolved.Handoff));
    }

    [Fact]
    public async Task Feedback_is_given_once_needs_solved_and_an_existing_answer()
    {
        var answer = await customer.AskAsync("How can I cancel my subscription?");

        var missing = await customer.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["solved"], await missing.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await customer.PostAsJsonAsync($"/api/kb/answers/{Guid.NewGuid()}/feedback", new { solved = true })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = true })).StatusCode);
        var again = await customer.PostAsJsonAsync($"/api/kb/answers/{answer.Id}/feedback", new { solved = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await app.CountAsync($"answers WHERE \"Id\" = '{answer.Id}' AND \"Deflected\""));

        var events = await app.Events!.WaitForAsync<QuestionAnswered>(e => e.AnswerId == answer.Id, count: 2);
        Assert.Equal([null, true], events.Select(e => e.Deflected).OrderBy(d => d.HasValue));
    }

    [Fact]
    public async Task A_question_is_required_and_a_given_locale_must_be_supported()
    {
        var before = await app.RowCountsAsync();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { question = (string?)null }, "question"), (new { question = "  " }, "question"),
            (new { question = new string('a', Answer.QuestionMaxLength + 1) }, "question"), (new { question = "refund", locale = "fr" }, "locale"),
        })
        {
            var response = await customer.PostAsJsonAsync("/api/kb/answers", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], await response.ProblemFieldsAsync());
        }
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Drafts_never_answer_and_an_archived_article_stops_answering_at_once()
    {
        var word = TestText.Unique();
        var draft = await agent.CreateArticleAsync($"Calibrate the {word} sensor", $"Calibrate the {word} sensor from Settings.", status: "draft");
        Assert.DoesNotContain(draft.Id, (await customer.AskAsync($"How do I calibrate the {word} sensor?")).Articles.Select(a => a.Id));

        await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { status = "published" });
        var published = await customer.AskAsync($"How do I calibrate the {word} sensor?");
        Assert.Equal(draft.Id, published.Articles[0].Id);
        Assert.False(published.Handoff);

        await agent.PatchJsonAsync($"/api/kb/articles/{draft.Id}", new { status = "archived" });
        var archived = await customer.AskAsync($"How do I calibrate the {word} sensor?");
        Assert.DoesNotContain(draft.Id, archived.Articles.Select(a => a.Id));
        Assert.True(archived.Handoff);
    }
}

/// <summary>One KnowledgeBase service on PostgreSQL holding the <see cref="HelpCenter"/> articles, published.</summary>
public sealed class HelpCenterApp : IAsyncLifetime
{
    public KnowledgeBaseApp App { get; private set; } = null!;
    public IReadOnlyDictionary<string, int> Ids { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await KnowledgeBaseApp.StartAsync();
        using var agent = App.Client("agent:1");
        var ids = new Dictionary<string, int>();
        foreach (var article in HelpCenter.Articles)
            ids[article.Key] = (await agent.CreateArticleAsync(article.Title, article.Body, article.Locale, tags: article.Tags)).Id;
        Ids = ids;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A small bilingual help centre: the articles the answer bot and suggestion tests ask about.</summary>
public static class HelpCenter
{
    public sealed record HelpArticle(string Key, string Locale, string Title, string Body, string[] Tags);

    public static HelpArticle Of(string key) => Articles.Single(a => a.Key == key);

    public static readonly IReadOnlyList<HelpArticle> Articles =
    [
        new("reset-password", "en", "Reset your password",
            "Forgot your password? On the sign-in page click **Forgot password**, enter your email address and open the reset link we email you.\n\n" +
            "The link expires after one hour. If the email doesn't arrive, check your spam folder.", ["password", "login"]),
        new("refund", "en", "Request a refund",
            "You can request a refund within 30 days of purchase.\n\n1. Open **Orders** and choose the order.\n2. Click **Request refund** and give a reason.\n\n" +
            "Refunds go back to the card you paid with in 5 to 10 business days.", ["refund", "orders"]),
        new("cancel-subscription", "en", "Cancel your subscription",
            "To cancel your subscription open **Billing → Plan** and click **Cancel subscription**. You keep access until the end of the billing period, " +
            "and you can resubscribe at any time.", ["billing", "subscription"]),
        new("invoice", "en", "Download an invoice",
            "Every payment has an invoice. Open **Billing → Invoices** and click **Download** next to the payment for a PDF with your company's tax number.",
            ["billing", "invoice"]),
        new("two-factor", "en", "Turn on two-factor authentication",
            "Protect your account with two-factor authentication: open **Security settings**, choose **Authenticator app** and scan the QR code. " +
            "Keep the backup codes somewhere safe.", ["security"]),
        new("shipping", "en", "Track your parcel",
            "Once your order ships we email you a tracking number. Open **Orders → Track parcel** to see where it is. Parcels usually arrive within 3 days.",
            ["shipping", "delivery"]),
        new("zh-password", "zh-CN", "忘记密码怎么办",
            "在登录页面点击“忘记密码”，输入注册手机号，获取短信验证码后即可重置密码。验证码五分钟内有效。", ["密码", "登录"]),
        new("zh-refund", "zh-CN", "如何申请退款",
            "在“我的订单”中选择需要退款的订单，点击“申请退款”并填写原因。退款将在3到7个工作日内原路退回到您的支付账户。", ["退款", "订单"]),
        new("zh-invoice", "zh-CN", "如何开具发票",
            "在订单详情页点击“开具发票”，填写发票抬头和税号。电子发票将在24小时内发送到您的邮箱。", ["发票"]),
        new("zh-shipping", "zh-CN", "查询物流信息",
            "订单发货后，您可以在“我的订单”中点击“查看物流”查询包裹位置。一般3天内送达。", ["物流", "快递"]),
    ];
}
