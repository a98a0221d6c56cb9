using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.Reports;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Analytics.Sla;

/// <summary>Targets achieved in time and breached; attainment = achieved ÷ (achieved + breached), null when there were none.</summary>
public sealed record SlaFigures(int Achieved, int Breached, double? Attainment)
{
    public static SlaFigures Of(int achieved, int breached) => new(achieved, breached, ReportCalculator.Rate(achieved, achieved + breached));
}

public sealed record SlaMetricFigures(string Metric, int Achieved, int Breached, double? Attainment)
{
    public static SlaMetricFigures Of(string metric, int achieved, int breached) =>
        new(metric, achieved, breached, ReportCalculator.Rate(achieved, achieved + breached));
}

public sealed record SlaReport(DateTimeOffset From, DateTimeOffset To, SlaFigures Overall, IReadOnlyList<SlaMetricFigures> Metrics);

/// <summary>One CSV row: a metric's figures ("all": overall).</summary>
public sealed record SlaReportRow(DateTimeOffset From, DateTimeOffset To, string Metric, int Achieved, int Breached, double? Attainment);

public static class SlaApi
{
    /// <summary>The metrics Automation sets targets for, in the order the report lists them.</summary>
    public static readonly IReadOnlyList<string> Metrics = ["first_reply_time", "next_reply_time", "periodic_update", "requester_wait_time", "resolution_time"];

    public static IEndpointRouteBuilder MapSlaApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/analytics").WithTags("Reports").MapGet("/sla", Get).WithName("GetSlaReport");
        return routes;
    }

    /// <summary>
    /// SLA attainment in a period [from, to) (default: the last 30 days), per metric and overall: targets achieved in
    /// time and breached, by when that happened. ?format=csv (or Accept: text/csv) for CSV.
    /// </summary>
    public static async Task<Results<Ok<SlaReport>, FileContentHttpResult, ValidationProblem>> Get(
        HttpRequest request, AnalyticsDbContext db, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var csv = Csv.Wanted(request, format, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var counts = await db.SlaOutcomes.AsNoTracking()
            .Where(o => o.At >= period!.From && o.At < period.To)
            .GroupBy(o => new { o.Metric, o.Breached })
            .Select(g => new { g.Key.Metric, g.Key.Breached, Count = g.Count() })
            .ToListAsync(ct);
        int Count(string metric, bool breached) => counts.Where(c => c.Metric == metric && c.Breached == breached).Sum(c => c.Count);
        var metrics = Metrics.Concat(counts.Select(c => c.Metric).Except(Metrics).Order(StringComparer.Ordinal))
            .Select(metric => SlaMetricFigures.Of(metric, Count(metric, false), Count(metric, true)))
            .ToList();
        var overall = SlaFigures.Of(counts.Where(c => !c.Breached).Sum(c => c.Count), counts.Where(c => c.Breached).Sum(c => c.Count));
        if (csv == true)
            return Csv.File(metrics.Select(m => new SlaReportRow(period!.From, period.To, m.Metric, m.Achieved, m.Breached, m.Attainment))
                .Prepend(new SlaReportRow(period!.From, period.To, ReportsApi.All, overall.Achieved, overall.Breached, overall.Attainment)), "sla");
        return TypedResults.Ok(new SlaReport(period!.From, period.To, overall, metrics));
    }
}
