using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.Reports;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;

namespace Support.Analytics.Sentiment;

/// <summary>Customers' comments in a period: mean score in [-1, 1] and how many were positive (> 0.05), negative (&lt; -0.05) or neutral.</summary>
public sealed record SentimentFigures(double? Average, int Comments, int Positive, int Neutral, int Negative);

public sealed record SentimentGroup(string? Key, SentimentFigures Figures);

/// <summary>
/// Sentiment against CSAT over the tickets rated in the period: the mean ticket sentiment of good and of bad ratings,
/// and their correlation (Pearson, good = 1, bad = 0; null when either kind is missing).
/// </summary>
public sealed record SentimentAndSatisfaction(int RatedTickets, double? AverageWhenGood, double? AverageWhenBad, double? Correlation);

public sealed record SentimentReport(
    DateTimeOffset From, DateTimeOffset To, string? GroupBy, SentimentFigures Total, IReadOnlyList<SentimentGroup> Groups, SentimentAndSatisfaction Satisfaction);

public static class SentimentApi
{
    private const double NeutralBand = 0.05;

    public static IEndpointRouteBuilder MapSentimentApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/analytics/sentiment", Report).WithTags("Sentiment").WithName("GetSentimentReport");
        return routes;
    }

    /// <summary>The sentiment of customers' public comments made in [from, to), in total and per group, and its relation to CSAT.</summary>
    public static async Task<Results<Ok<SentimentReport>, FileContentHttpResult, ValidationProblem>> Report(
        HttpRequest request, AnalyticsDbContext db, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? groupBy = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var by = ReportPeriod.ReadGroupBy(groupBy, errors);
        var csv = Csv.Wanted(request, format, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var (start, end) = (period!.From, period.To);
        var comments = await db.CommentSentiments.AsNoTracking().Where(c => c.At >= start && c.At < end)
            .Select(c => new { c.Score, c.Ticket }).ToListAsync(ct);
        var groups = by is not { } key ? [] : comments
            .GroupBy(c => ReportCalculator.KeyOf(c.Ticket, key))
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, ReportCalculator.KeyComparer.Instance)
            .Select(g => new SentimentGroup(g.Key, Figures(g.Select(c => c.Score).ToList()))).ToList();

        var rated = await db.TicketMetrics.AsNoTracking()
            .Where(t => t.RatedAt >= start && t.RatedAt < end && t.Sentiment != null && (t.Satisfaction == "good" || t.Satisfaction == "bad"))
            .Select(t => new { Sentiment = t.Sentiment!.Value, Good = t.Satisfaction == "good" }).ToListAsync(ct);
        var good = rated.Where(r => r.Good).Select(r => r.Sentiment).ToList();
        var bad = rated.Where(r => !r.Good).Select(r => r.Sentiment).ToList();
        var satisfaction = new SentimentAndSatisfaction(rated.Count, Mean(good), Mean(bad),
            Correlation(rated.Select(r => r.Sentiment).ToList(), rated.Select(r => r.Good ? 1.0 : 0.0).ToList()));

        var report = new SentimentReport(start, end, by is { } b ? b.Wire() : null, Figures(comments.Select(c => c.Score).ToList()), groups, satisfaction);
        return csv == true
            ? Csv.File(groups.Prepend(new SentimentGroup(ReportsApi.All, report.Total)), "sentiment")
            : TypedResults.Ok(report);
    }

    private static SentimentFigures Figures(List<double> scores) => new(
        Mean(scores), scores.Count, scores.Count(s => s > NeutralBand), scores.Count(s => Math.Abs(s) <= NeutralBand), scores.Count(s => s < -NeutralBand));

    private static double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 4);

    private static double? Correlation(List<double> x, List<double> y)
    {
        if (x.Count < 2)
            return null;
        var (mx, my) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? null : Math.Round(sxy / Math.Sqrt(sxx * syy), 4);
    }
}
