using Microsoft.AspNetCore.Http.HttpResults;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;

namespace Support.Analytics.Reports;

public sealed record SummaryReport(
    DateTimeOffset From, DateTimeOffset To, string? GroupBy, ReportFigures Total, IReadOnlyList<GroupFigures> Groups, KnowledgeBaseFigures KnowledgeBase);

public sealed record TimeseriesBucket(DateTimeOffset Start, DateTimeOffset End, ReportFigures Total, IReadOnlyList<GroupFigures> Groups, KnowledgeBaseFigures KnowledgeBase);

public sealed record TimeseriesReport(DateTimeOffset From, DateTimeOffset To, string Interval, string? GroupBy, IReadOnlyList<TimeseriesBucket> Buckets);

public sealed record AgentFigures(
    int AgentId, int Solved, double? FirstReplyMedianMinutes, double? FullResolutionMedianMinutes, double? FirstReplyMedianBusinessMinutes,
    double? FullResolutionMedianBusinessMinutes, double? Csat, int CsatResponses, double? OneTouchRate, int CurrentLoad);

public sealed record AgentsReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AgentFigures> Agents);

/// <summary>One CSV row: a group's figures ("all": the total), for a bucket in a time series.</summary>
public sealed record ReportRow(DateTimeOffset From, DateTimeOffset To, string Group, ReportFigures Figures, KnowledgeBaseFigures? KnowledgeBase);

public static class ReportsApi
{
    public const int MaxBuckets = 2000;
    public const string All = "all", None = "none";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/analytics").WithTags("Reports");
        reports.MapGet("/summary", Summary).WithName("GetSummary");
        reports.MapGet("/timeseries", Timeseries).WithName("GetTimeseries");
        reports.MapGet("/agents", Agents).WithName("GetAgentReport");
        return routes;
    }

    /// <summary>
    /// Tickets created, solved and in backlog, reply and resolution times (median, p90, calendar and business minutes), resolution,
    /// reopen and one-touch rates, CSAT and sentiment for a period [from, to) (default: the last 30 days), in total and
    /// per group (groupBy: channel, priority, category, group, agent, organisation), with the answer bot's match and
    /// deflection rates. ?format=csv (or Accept: text/csv) for CSV.
    /// </summary>
    public static async Task<Results<Ok<SummaryReport>, FileContentHttpResult, ValidationProblem>> Summary(
        HttpRequest request, ReportCalculator calculator, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? groupBy = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var by = ReportPeriod.ReadGroupBy(groupBy, errors);
        var csv = Csv.Wanted(request, format, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var bucket = (await calculator.CalculateAsync([period!.From, period.To], by, ct))[0];
        var report = new SummaryReport(period.From, period.To, Name(by), bucket.Total, bucket.Groups, bucket.KnowledgeBase);
        return csv == true ? Csv.File(Rows(bucket), "summary") : TypedResults.Ok(report);
    }

    /// <summary>The summary's figures per hour, day or week (weeks start on Monday; UTC), from the bucket holding 'from' to the one holding 'to'.</summary>
    public static async Task<Results<Ok<TimeseriesReport>, FileContentHttpResult, ValidationProblem>> Timeseries(
        HttpRequest request, ReportCalculator calculator, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? interval = null, string? groupBy = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var by = ReportPeriod.ReadGroupBy(groupBy, errors);
        var step = ReportPeriod.ReadEnum<Interval>("interval", interval, errors) ?? Interval.Day;
        var csv = Csv.Wanted(request, format, errors);
        List<DateTimeOffset> bounds = [];
        if (period is not null)
        {
            for (var start = Floor(period.From, step); start < period.To && bounds.Count <= MaxBuckets; start = Next(start, step))
                bounds.Add(start);
            if (bounds.Count > MaxBuckets)
                errors.Add("interval", $"The period holds more than {MaxBuckets} {step.Wire()}s: choose a longer interval or a shorter period.");
            bounds.Add(Next(bounds[^1], step));
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var buckets = await calculator.CalculateAsync(bounds, by, ct);
        if (csv == true)
            return Csv.File(buckets.SelectMany(Rows), "timeseries");
        return TypedResults.Ok(new TimeseriesReport(bounds[0], bounds[^1], step.Wire(), Name(by),
            buckets.Select(b => new TimeseriesBucket(b.Start, b.End, b.Total, b.Groups, b.KnowledgeBase)).ToList()));
    }

    /// <summary>Per agent (the ticket's assignee): tickets solved in the period, median first reply and resolution (calendar and business minutes), CSAT, one-touch rate, and the tickets unsolved now.</summary>
    public static async Task<Results<Ok<AgentsReport>, FileContentHttpResult, ValidationProblem>> Agents(
        HttpRequest request, ReportCalculator calculator, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var csv = Csv.Wanted(request, format, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var bucket = (await calculator.CalculateAsync([period!.From, period.To], GroupBy.Agent, ct))[0];
        var load = await calculator.CurrentLoadAsync(ct);
        var figures = bucket.Groups.Where(g => g.Key is not null).ToDictionary(g => int.Parse(g.Key!), g => g.Figures);
        var agents = figures.Keys.Union(load.Keys).Order().Select(id =>
        {
            var f = figures.GetValueOrDefault(id);
            return new AgentFigures(id, f?.Solved ?? 0, f?.FirstReplyMedianMinutes, f?.FullResolutionMedianMinutes,
                f?.FirstReplyMedianBusinessMinutes, f?.FullResolutionMedianBusinessMinutes, f?.Csat,
                f?.CsatResponses ?? 0, f?.OneTouchRate, load.GetValueOrDefault(id));
        }).ToList();
        return csv == true ? Csv.File(agents, "agents") : TypedResults.Ok(new AgentsReport(period.From, period.To, agents));
    }

    private static IEnumerable<ReportRow> Rows(ReportCalculator.Bucketed bucket) =>
        bucket.Groups.Select(g => new ReportRow(bucket.Start, bucket.End, g.Key ?? None, g.Figures, null))
            .Prepend(new ReportRow(bucket.Start, bucket.End, All, bucket.Total, bucket.KnowledgeBase));

    private static string? Name(GroupBy? by) => by is { } value ? value.Wire() : null;

    public static DateTimeOffset Floor(DateTimeOffset time, Interval interval)
    {
        var utc = time.ToUniversalTime();
        return interval switch
        {
            Interval.Hour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            Interval.Day => new DateTimeOffset(utc.Date, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7)), TimeSpan.Zero),
        };
    }

    private static DateTimeOffset Next(DateTimeOffset start, Interval interval) => interval switch
    {
        Interval.Hour => start.AddHours(1),
        Interval.Day => start.AddDays(1),
        _ => start.AddDays(7),
    };
}
