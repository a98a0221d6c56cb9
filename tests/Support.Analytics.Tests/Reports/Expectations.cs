using Support.Analytics.Customers;
using Support.Analytics.Reports;
using Support.Analytics.Sentiment;
using Support.Analytics.Tests.Infrastructure;
using Support.Analytics.Tickets;

namespace Support.Analytics.Tests.Reports;

/// <summary>The scenario's metrics, computed by hand from its timeline (see <see cref="Scenario"/>).</summary>
public static class Expectations
{
    public static async Task AssertAllAsync(AnalyticsApp app)
    {
        await AssertTicketMetricsAsync(app);
        await AssertSummaryAsync(app);
        await AssertGroupedByAgentAsync(app);
        await AssertAgentsAsync(app);
        await AssertTimeseriesAsync(app);
        await AssertCustomersAsync(app);
    }

    public static async Task AssertTicketMetricsAsync(AnalyticsApp app)
    {
        var t1 = (await app.GetAsync<TicketMetricsResponse>("/api/analytics/tickets/1")).Metrics;
        Assert.Equal(30, t1.FirstReplyMinutes);                 // 09:00 → 09:30 first public agent reply
        Assert.Equal(195, t1.FirstResolutionMinutes);           // 09:00 → 12:15
        Assert.Equal(1500, t1.FullResolutionMinutes);           // Monday 09:00 → Tuesday 10:00
        Assert.Equal(195, t1.RequesterWaitMinutes);             // new 10 + open 20 + 30 + 15 + 60 (reopened) + on-hold 60
        Assert.Equal(60, t1.AgentWaitMinutes);                  // pending 09:30 → 10:30
        Assert.Equal(60, t1.OnHoldMinutes);                     // on-hold 11:00 → 12:00
        Assert.Equal(1, t1.Reopens);
        Assert.Equal(2, t1.AgentReplies);
        Assert.False(t1.OneTouch);
        Assert.Equal("good", t1.Satisfaction);
        Assert.Equal(("solved", 5, 2, "email", "high", 7), (t1.Status, t1.AssigneeId, t1.GroupId, t1.Channel, t1.Priority, t1.OrganizationId));
        Assert.Equal(Scenario.Monday.AddDays(1).AddHours(10), t1.SolvedAt);
        var descriptionScore = SentimentScorer.Score($"Ticket 1\n{Scenario.Ticket1Description}");
        var replyScore = SentimentScorer.Score(Scenario.Ticket1CustomerReply);
        Assert.True(descriptionScore < 0 && replyScore > 0, $"description {descriptionScore}, reply {replyScore}");
        Assert.Equal(Math.Round((descriptionScore + replyScore) / 2, 4, MidpointRounding.AwayFromZero), t1.Sentiment);
        Assert.Equal(2, t1.CustomerComments);

        var t2 = (await app.GetAsync<TicketMetricsResponse>("/api/analytics/tickets/2")).Metrics;
        Assert.Equal(20, t2.FirstReplyMinutes);                 // the internal note at 10:10 does not count
        Assert.Equal((20.0, 20.0), (t2.FirstResolutionMinutes!.Value, t2.FullResolutionMinutes!.Value));
        Assert.Equal((20.0, 0.0, 0.0), (t2.RequesterWaitMinutes!.Value, t2.AgentWaitMinutes!.Value, t2.OnHoldMinutes!.Value));
        Assert.Equal((0, 1, true, "bad"), (t2.Reopens, t2.AgentReplies, t2.OneTouch, t2.Satisfaction));

        var t3 = (await app.GetAsync<TicketMetricsResponse>("/api/analytics/tickets/3")).Metrics;
        Assert.Equal(("open", "billing", 6, 3), (t3.Status, t3.Category, t3.AssigneeId, t3.GroupId));
        Assert.Null(t3.FirstReplyMinutes);
        Assert.Null(t3.OneTouch);
        Assert.Null(t3.RequesterWaitMinutes);                   // counted at the solve
        Assert.True(t3.Sentiment < 0);

        var t4 = (await app.GetAsync<TicketMetricsResponse>("/api/analytics/tickets/4")).Metrics;
        Assert.Equal((1020.0, 1320.0, 1320.0), (t4.FirstReplyMinutes!.Value, t4.FirstResolutionMinutes!.Value, t4.FullResolutionMinutes!.Value));
        Assert.Equal(1320, t4.RequesterWaitMinutes);            // new 60 + open 1260

        foreach (var t in new[] { t1, t2, t3, t4 })             // no schedule: every hour is a business hour
            Assert.Equal((t.FirstReplyMinutes, t.FirstResolutionMinutes, t.FullResolutionMinutes, t.RequesterWaitMinutes),
                (t.FirstReplyBusinessMinutes, t.FirstResolutionBusinessMinutes, t.FullResolutionBusinessMinutes, t.RequesterWaitBusinessMinutes));
    }

    public static async Task AssertSummaryAsync(AnalyticsApp app)
    {
        var summary = await app.GetAsync<SummaryReport>($"/api/analytics/summary?{Scenario.Period}");
        var f = summary.Total;
        Assert.Equal((3, 3, 1), (f.Created, f.Solved, f.Backlog));  // created 1, 2, 3; solved 1 (Tue), 2, 4; ticket 3 open
        Assert.Equal(1.0, f.ResolutionRate);
        Assert.Equal(30, f.FirstReplyMedianMinutes);            // first replies in the period: 20, 30, 1020
        Assert.Equal(822, f.FirstReplyP90Minutes);              // 30 + 0.8 × (1020 − 30)
        Assert.Equal(195, f.FirstResolutionMedianMinutes);      // 20, 195, 1320
        Assert.Equal(1320, f.FullResolutionMedianMinutes);      // 20, 1320, 1500
        Assert.Equal(1464, f.FullResolutionP90Minutes);         // 1320 + 0.8 × 180
        Assert.Equal((30.0, 822.0, 195.0, 1320.0, 1464.0),       // no schedule: the business twins are the calendar figures
            (f.FirstReplyMedianBusinessMinutes!.Value, f.FirstReplyP90BusinessMinutes!.Value, f.FirstResolutionMedianBusinessMinutes!.Value,
                f.FullResolutionMedianBusinessMinutes!.Value, f.FullResolutionP90BusinessMinutes!.Value));
        Assert.Equal((0.5, 2), (f.Csat!.Value, f.CsatResponses));
        Assert.Equal(0.3333, f.ReopenRate);                     // ticket 1 of 3 solved
        Assert.Equal(0.6667, f.OneTouchRate);                   // tickets 2 and 4 of 3 solved
        Assert.Equal(4, f.SentimentComments);                   // descriptions of 1, 2, 3 and the reply on 1 (ticket 4's is Sunday's)
        Assert.Equal(new KnowledgeBaseFigures(3, 2, 0.6667, 1, 0.3333), summary.KnowledgeBase);
        Assert.Empty(summary.Groups);
    }

    public static async Task AssertGroupedByAgentAsync(AnalyticsApp app)
    {
        var summary = await app.GetAsync<SummaryReport>($"/api/analytics/summary?{Scenario.Period}&groupBy=agent");
        Assert.Equal("agent", summary.GroupBy);
        Assert.Equal(["5", "6"], summary.Groups.Select(g => g.Key));
        var (agent5, agent6) = (summary.Groups[0].Figures, summary.Groups[1].Figures);
        Assert.Equal((2, 2, 0, 25.0, 0.5), (agent5.Created, agent5.Solved, agent5.Backlog, agent5.FirstReplyMedianMinutes!.Value, agent5.Csat!.Value));
        Assert.Equal((1, 1, 1, 1020.0), (agent6.Created, agent6.Solved, agent6.Backlog, agent6.FirstReplyMedianMinutes!.Value));
        Assert.Null(agent6.Csat);

        var byChannel = await app.GetAsync<SummaryReport>($"/api/analytics/summary?{Scenario.Period}&groupBy=channel");
        Assert.Equal(["chat", "email", "web"], byChannel.Groups.Select(g => g.Key));
        Assert.Equal([1, 1, 1], byChannel.Groups.Select(g => g.Figures.Created));
        Assert.Equal([1, 2, 0], byChannel.Groups.Select(g => g.Figures.Solved));

        var byCategory = await app.GetAsync<SummaryReport>($"/api/analytics/summary?{Scenario.Period}&groupBy=category");
        Assert.Equal(["billing", null], byCategory.Groups.Select(g => g.Key));
        Assert.Equal([1, 2], byCategory.Groups.Select(g => g.Figures.Created));
    }

    public static async Task AssertAgentsAsync(AnalyticsApp app)
    {
        var report = await app.GetAsync<AgentsReport>($"/api/analytics/agents?{Scenario.Period}");
        Assert.Equal(
            [new AgentFigures(5, 2, 25, 760, 25, 760, 0.5, 2, 0.5, 0), new AgentFigures(6, 1, 1020, 1320, 1020, 1320, null, 0, 1, 1)],
            report.Agents);
    }

    public static async Task AssertTimeseriesAsync(AnalyticsApp app)
    {
        var series = await app.GetAsync<TimeseriesReport>($"/api/analytics/timeseries?{Scenario.Period}&interval=day");
        Assert.Equal([Scenario.Monday, Scenario.Monday.AddDays(1)], series.Buckets.Select(b => b.Start));
        Assert.Equal([3, 0], series.Buckets.Select(b => b.Total.Created));
        Assert.Equal([2, 1], series.Buckets.Select(b => b.Total.Solved));
        Assert.Equal([1, 1], series.Buckets.Select(b => b.Total.Backlog));   // at Monday's end ticket 1 was solved, 3 open
        Assert.Equal([1, 2], series.Buckets.Select(b => b.KnowledgeBase.Asked));

        var byAgent = await app.GetAsync<TimeseriesReport>($"/api/analytics/timeseries?{Scenario.Period}&interval=day&groupBy=agent");
        // (agent, created, solved, backlog): Monday agent 5 got 1 and 2, solved 2; agent 6 got 3, solved 4, 3 stays open.
        Assert.Equal([("5", 2, 1, 0), ("6", 1, 1, 1)], byAgent.Buckets[0].Groups.Select(g => (g.Key, g.Figures.Created, g.Figures.Solved, g.Figures.Backlog)));
        Assert.Equal([("5", 0, 1, 0), ("6", 0, 0, 1)], byAgent.Buckets[1].Groups.Select(g => (g.Key, g.Figures.Created, g.Figures.Solved, g.Figures.Backlog)));
        Assert.Equal([25.0, null], byAgent.Buckets.Select(b => b.Groups[0].Figures.FirstReplyMedianMinutes)); // agent 5's first replies: 30 and 20, on Monday

        var hours = await app.GetAsync<TimeseriesReport>("/api/analytics/timeseries?from=2026-03-02T09:30:00Z&to=2026-03-02T12:00:00Z&interval=hour");
        Assert.Equal([9, 10, 11], hours.Buckets.Select(b => b.Start.Hour));  // from the hour holding 'from'
        Assert.Equal([1, 1, 1], hours.Buckets.Select(b => b.Total.Created));
        // Unsolved at 10:00: tickets 1 and 4 (2 opens at 10:00); at 11:00: 1 and 4 (2 solved at 10:20); at 12:00: 1, 3 and 4.
        Assert.Equal([2, 2, 3], hours.Buckets.Select(b => b.Total.Backlog));

        var week = await app.GetAsync<TimeseriesReport>("/api/analytics/timeseries?from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z&interval=week");
        Assert.Equal(Scenario.Monday, Assert.Single(week.Buckets).Start); // weeks start on Monday
    }

    public static async Task AssertCustomersAsync(AnalyticsApp app)
    {
        var churn = await app.GetAsync<ChurnReport>($"/api/analytics/customers?{Scenario.Period}");
        // Active at the start: 101, 102, 103. 102 churned on Tuesday; 104 joined. At the end: 101, 103, 104.
        Assert.Equal((3, 3, 1, 1, 2), (churn.AtStart, churn.AtEnd, churn.New, churn.Churned, churn.Retained));
        Assert.Equal((0.3333, 0.6667), (churn.ChurnRate!.Value, churn.RetentionRate!.Value));

        var customer = await app.GetAsync<CustomerAnalytics>("/api/analytics/customers/101");
        Assert.Equal((2, 1.0, 1, 100m, "active"), (customer.Tickets, customer.Csat!.Value, customer.CsatResponses, customer.Value!.Value, customer.Status));
        Assert.Equal(3, customer.Comments);
    }
}
