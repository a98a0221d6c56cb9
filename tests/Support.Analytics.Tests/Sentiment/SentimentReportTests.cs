using MassTransit;
using Support.Analytics.Customers;
using Support.Analytics.Sentiment;
using Support.Analytics.Tests.Infrastructure;
using Support.Analytics.Tickets;
using Support.Contracts;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Sentiment;

/// <summary>
/// Four customers in the week of 2026-05-04: 401 and 402 thank the agents (chat tickets, rated good), 403 and 404
/// complain twice on each ticket (email tickets, rated bad). Descriptions are neutral; agents' replies and a private
/// customer comment are not customers' public comments; 401 thanks once more after the week.
/// </summary>
public sealed class SentimentFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Monday = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
    public const string Period = "from=2026-05-04T00:00:00Z&to=2026-05-11T00:00:00Z";
    public const string Praise = "Thank you so much, this is excellent and works perfectly!";
    public const string LaterPraise = "Still working great, thanks again.";
    public static readonly string[] Complaints = ["This is terrible, still broken and I am very angry.", "Awful service, worst experience ever, really disappointed."];
    public const string AgentReply = "Glad to help, great to hear!";

    public sealed record Comment(long Id, string Body, DateTimeOffset At, bool Public = true);

    public sealed record Ticket(int Id, int CustomerId, string Channel, string Rating, DateTimeOffset CreatedAt, Comment[] Comments)
    {
        public string Subject => $"Order {Id}";
        public string Description => $"Order {Id} shipping address";

        /// <summary>The customer's public comments, the description first (comment 0).</summary>
        public IEnumerable<(long Id, string Text, DateTimeOffset At)> PublicComments =>
            Comments.Where(c => c.Public).Select(c => (c.Id, c.Body, c.At)).Prepend((0L, $"{Subject}\n{Description}", CreatedAt));
    }

    private static DateTimeOffset Day(int day, int hour) => Monday.AddDays(day).AddHours(hour);

    public static readonly Ticket[] Good =
    [
        new(41, 401, "chat", "good", Day(1, 9), [new(411, Praise, Day(1, 11)), new(412, LaterPraise, Day(8, 9))]),
        new(42, 401, "chat", "good", Day(2, 9), [new(421, Praise, Day(2, 11))]),
        new(43, 402, "chat", "good", Day(3, 9), [new(431, Praise, Day(3, 11))]),
    ];

    public static readonly Ticket[] Bad =
    [
        new(44, 403, "email", "bad", Day(1, 10), [new(441, Complaints[0], Day(1, 12)), new(442, Complaints[1], Day(1, 14))]),
        new(45, 403, "email", "bad", Day(2, 10), [new(451, Complaints[0], Day(2, 12)), new(452, "Thanks, great!", Day(2, 13), Public: false), new(453, Complaints[1], Day(2, 14))]),
        new(46, 404, "email", "bad", Day(3, 10), [new(461, Complaints[0], Day(3, 12)), new(462, Complaints[1], Day(3, 14))]),
    ];

    public static IEnumerable<Ticket> Tickets => Good.Concat(Bad);

    public AnalyticsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AnalyticsApp.StartAsync();
        foreach (var customer in Tickets.Select(t => t.CustomerId).Distinct())
            await App.PublishAsync(new CustomerCreated(customer, $"c{customer}@example.com", $"Customer {customer}", null, Monday.AddDays(-30)), NewId.NextGuid());
        foreach (var t in Tickets)
        {
            var customer = new Actor("customer", t.CustomerId.ToString());
            await App.PublishAsync(new TicketCreated(t.Id, t.Subject, t.Description, "new", "normal", true, "question", t.Channel, t.CustomerId,
                $"c{t.CustomerId}@example.com", $"Customer {t.CustomerId}", null, [], customer, t.CreatedAt), NewId.NextGuid());
            await App.PublishAsync(new TicketCommentAdded(t.Id, t.Id * 10L, AgentReply, true, new Actor("agent", "9"), true, t.CreatedAt.AddHours(1)), NewId.NextGuid());
            foreach (var c in t.Comments)
                await App.PublishAsync(new TicketCommentAdded(t.Id, c.Id, c.Body, c.Public, customer, false, c.At), NewId.NextGuid());
            await App.PublishAsync(new SatisfactionRated(t.Id, t.Rating, null, 9, t.CustomerId, t.CreatedAt.AddHours(6)), NewId.NextGuid());
        }
        await App.WaitForConsumedAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The sentiment report, per ticket and per customer, through the API.</summary>
public sealed class SentimentReportTests(SentimentFixture fixture) : IClassFixture<SentimentFixture>
{
    private const double Tolerance = 0.0001;
    private readonly AnalyticsApp app = fixture.App;

    [Fact]
    public void The_texts_are_clearly_what_they_are_meant_to_be()
    {
        Assert.True(SentimentScorer.Score(SentimentFixture.Praise) > 0.5);
        Assert.True(SentimentScorer.Score(SentimentFixture.LaterPraise) > 0.5);
        Assert.All(SentimentFixture.Complaints, c => Assert.True(SentimentScorer.Score(c) < -0.5, c));
        Assert.All(SentimentFixture.Tickets, t => Assert.Equal(0, SentimentScorer.Score($"{t.Subject}\n{t.Description}")));
        Assert.True(SentimentScorer.Score(SentimentFixture.AgentReply) > 0.5); // would show if agents' replies counted
    }

    [Fact]
    public async Task Good_ratings_go_with_higher_sentiment_than_bad_ones()
    {
        var report = await app.GetAsync<SentimentReport>($"/api/analytics/sentiment?{SentimentFixture.Period}");
        var s = report.Satisfaction;

        Assert.Equal(6, s.RatedTickets);
        Assert.True(s.AverageWhenGood > 0 && s.AverageWhenBad < 0, $"good {s.AverageWhenGood}, bad {s.AverageWhenBad}");
        Assert.True(s.AverageWhenGood > s.AverageWhenBad);
        Assert.True(s.Correlation > 0.9, $"correlation {s.Correlation}");

        var good = SentimentFixture.Good.Select(TicketSentiment).ToList();
        var bad = SentimentFixture.Bad.Select(TicketSentiment).ToList();
        Assert.Equal(good.Average(), s.AverageWhenGood!.Value, Tolerance);
        Assert.Equal(bad.Average(), s.AverageWhenBad!.Value, Tolerance);
        Assert.Equal(Pearson(good.Concat(bad).ToList(), [.. good.Select(_ => 1.0), .. bad.Select(_ => 0.0)]), s.Correlation!.Value, Tolerance);
    }

    [Fact]
    public async Task Comments_in_the_period_are_counted_positive_neutral_and_negative()
    {
        var report = await app.GetAsync<SentimentReport>($"/api/analytics/sentiment?{SentimentFixture.Period}");

        // 6 neutral descriptions, 3 thanks, 6 complaints; not the agents' replies, the private comment, or 401's thanks after the week
        Assert.Equal(new SentimentFigures(report.Total.Average, 15, 3, 6, 6), report.Total);
        var scores = SentimentFixture.Tickets.SelectMany(t => t.PublicComments).Where(c => c.At < SentimentFixture.Monday.AddDays(7))
            .Select(c => SentimentScorer.Score(c.Text)).ToList();
        Assert.Equal(15, scores.Count);
        Assert.Equal(scores.Average(), report.Total.Average!.Value, Tolerance);
        Assert.Null(report.GroupBy);
        Assert.Empty(report.Groups);
    }

    [Fact]
    public async Task Grouped_by_channel_the_thanks_are_in_chat_and_the_complaints_in_email()
    {
        var report = await app.GetAsync<SentimentReport>($"/api/analytics/sentiment?{SentimentFixture.Period}&groupBy=channel");

        Assert.Equal("channel", report.GroupBy);
        Assert.Equal(["chat", "email"], report.Groups.Select(g => g.Key));
        var (chat, email) = (report.Groups[0].Figures, report.Groups[1].Figures);
        Assert.Equal((6, 3, 3, 0), (chat.Comments, chat.Positive, chat.Neutral, chat.Negative));
        Assert.Equal((9, 0, 3, 6), (email.Comments, email.Positive, email.Neutral, email.Negative));
        Assert.True(chat.Average > 0 && email.Average < 0);
    }

    [Fact]
    public async Task A_period_without_comments_has_no_average_and_no_correlation()
    {
        var report = await app.GetAsync<SentimentReport>("/api/analytics/sentiment?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z");

        Assert.Equal(new SentimentFigures(null, 0, 0, 0, 0), report.Total);
        Assert.Equal(new SentimentAndSatisfaction(0, null, null, null), report.Satisfaction);
    }

    [Fact]
    public async Task A_period_of_good_ratings_only_has_no_correlation()
    {
        // Thursday until 15:30: ticket 43 was rated good at 15:00; ticket 46 was rated bad at 16:00, after the period.
        var report = await app.GetAsync<SentimentReport>("/api/analytics/sentiment?from=2026-05-07T00:00:00Z&to=2026-05-07T15:30:00Z");

        Assert.Equal(1, report.Satisfaction.RatedTickets);
        Assert.Null(report.Satisfaction.AverageWhenBad);
        Assert.Null(report.Satisfaction.Correlation);
        Assert.Equal(TicketSentiment(SentimentFixture.Good[2]), report.Satisfaction.AverageWhenGood!.Value, Tolerance);
    }

    [Fact]
    public async Task Each_ticket_lists_the_score_of_each_customer_comment()
    {
        foreach (var ticket in SentimentFixture.Tickets)
        {
            var response = await app.GetAsync<TicketMetricsResponse>($"/api/analytics/tickets/{ticket.Id}");
            var expected = ticket.PublicComments.Select(c => (c.Id, SentimentScorer.Score(c.Text), c.At, ticket.CustomerId, ticket.Id)).ToList();

            Assert.Equal(expected, response.Comments.Select(c => (c.CommentId, c.Score, c.At, c.CustomerId, c.TicketId)));
            Assert.Equal(expected.Count, response.Metrics.CustomerComments);
            Assert.Equal(TicketSentiment(ticket), response.Metrics.Sentiment!.Value, Tolerance);
            Assert.Equal(ticket.Rating, response.Metrics.Satisfaction);
        }
    }

    [Theory]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Each_customers_sentiment_is_the_mean_of_their_comments(int customerId)
    {
        var tickets = SentimentFixture.Tickets.Where(t => t.CustomerId == customerId).ToList();
        var scores = tickets.SelectMany(t => t.PublicComments).Select(c => SentimentScorer.Score(c.Text)).ToList();

        var customer = await app.GetAsync<CustomerAnalytics>($"/api/analytics/customers/{customerId}");

        Assert.Equal((tickets.Count, scores.Count), (customer.Tickets, customer.Comments));
        Assert.Equal(scores.Average(), customer.Sentiment!.Value, Tolerance);
        Assert.Equal(tickets.Count, customer.CsatResponses);
        Assert.Equal(tickets[0].Rating == "good" ? 1.0 : 0.0, customer.Csat);
        Assert.Equal(customerId is 401 or 402, customer.Sentiment > 0);
    }

    /// <summary>The mean score of a ticket's public customer comments, its description included.</summary>
    private static double TicketSentiment(SentimentFixture.Ticket ticket) => ticket.PublicComments.Average(c => SentimentScorer.Score(c.Text));

    private static double Pearson(List<double> x, List<double> y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
