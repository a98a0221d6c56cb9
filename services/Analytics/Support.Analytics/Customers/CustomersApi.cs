using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.Reports;
using Support.Analytics.Segments;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Analytics.Customers;

public sealed record ChurnReport(
    DateTimeOffset From, DateTimeOffset To, int AtStart, int AtEnd, int New, int Churned, int Retained, double? ChurnRate, double? RetentionRate);

public sealed record CustomerAnalytics(
    int CustomerId, string Email, string Name, int? OrganizationId, string Status, decimal? Value, DateTimeOffset CreatedAt,
    int Tickets, DateTimeOffset? LastTicketAt, double? Csat, int CsatResponses, double? Sentiment, int Comments);

public sealed record SegmentCentroid(double TicketVolume, double RecencyDays, double MedianSatisfaction, double Value, double Sentiment);

public sealed record CustomerSegment(int Segment, int Size, SegmentCentroid Centroid, IReadOnlyList<int> Members);

public sealed record SegmentsReport(DateTimeOffset At, int K, double Silhouette, int Customers, IReadOnlyList<CustomerSegment> Segments);

public static class CustomersApi
{
    public const int MaxK = 10;

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/analytics/customers").WithTags("Customers");
        customers.MapGet("", Churn).WithName("GetChurnReport");
        customers.MapGet("/{id:int}", Get).WithName("GetCustomerAnalytics");
        customers.MapGet("/segments", Segments).WithName("GetCustomerSegments");
        return routes;
    }

    /// <summary>
    /// Churn rate (customers marked churned in [from, to) ÷ active customers at 'from') and retention rate (customers
    /// active at both 'from' and 'to' ÷ active customers at 'from').
    /// </summary>
    public static async Task<Results<Ok<ChurnReport>, FileContentHttpResult, ValidationProblem>> Churn(
        HttpRequest request, AnalyticsDbContext db, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.Now(), errors);
        var csv = Csv.Wanted(request, format, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var (start, end) = (period!.From, period.To);
        var spans = db.CustomerStatusSpans.AsNoTracking();
        var activeAtStart = spans.Where(s => s.Status == "active" && s.From <= start && (s.To == null || s.To > start));
        var activeAtEnd = spans.Where(s => s.Status == "active" && s.From <= end && (s.To == null || s.To > end));
        var atStart = await activeAtStart.CountAsync(ct);
        var atEnd = await activeAtEnd.CountAsync(ct);
        var retained = await activeAtEnd.CountAsync(s => activeAtStart.Any(a => a.CustomerId == s.CustomerId), ct);
        var churned = await spans.Where(s => s.Status == "churned" && s.From >= start && s.From < end && spans.Any(p => p.CustomerId == s.CustomerId && p.To == s.From))
            .Select(s => s.CustomerId).Distinct().CountAsync(ct);
        var created = await db.Customers.CountAsync(c => c.CreatedAt >= start && c.CreatedAt < end, ct);
        var report = new ChurnReport(start, end, atStart, atEnd, created, churned, retained,
            ReportCalculator.Rate(churned, atStart), ReportCalculator.Rate(retained, atStart));
        return csv == true ? Csv.File([report], "customers") : TypedResults.Ok(report);
    }

    /// <summary>One customer: status and value, tickets, CSAT and the mean sentiment of their public comments.</summary>
    public static async Task<Results<Ok<CustomerAnalytics>, ProblemHttpResult>> Get(int id, AnalyticsDbContext db, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == id, ct);
        if (customer is null)
            return Problems.NotFound("Customer", id);
        var tickets = await db.TicketMetrics.AsNoTracking().Where(t => t.RequesterId == id)
            .Select(t => new { t.CreatedAt, t.Satisfaction }).ToListAsync(ct);
        var scores = await db.CommentSentiments.AsNoTracking().Where(c => c.CustomerId == id).Select(c => c.Score).ToListAsync(ct);
        int good = tickets.Count(t => t.Satisfaction == "good"), bad = tickets.Count(t => t.Satisfaction == "bad");
        return TypedResults.Ok(new CustomerAnalytics(
            customer.CustomerId, customer.Email, customer.Name, customer.OrganizationId, customer.Status, customer.Value, customer.CreatedAt,
            tickets.Count, tickets.Count == 0 ? null : tickets.Max(t => t.CreatedAt), ReportCalculator.Rate(good, good + bad), good + bad,
            scores.Count == 0 ? null : Math.Round(scores.Average(), 4), scores.Count));
    }

    /// <summary>
    /// Customers clustered by k-means (k-means++ from a fixed seed, so results repeat) over standardised features:
    /// ticket volume, days since their last ticket (or since joining) at 'at', median satisfaction (good 1, bad 0;
    /// unrated: the mean of the rated), value (none: 0) and mean comment sentiment (none: 0). k given (2 ≤ k ≤
    /// customers) or chosen by silhouette score (2..10). Centroids in plain units.
    /// </summary>
    public static async Task<Results<Ok<SegmentsReport>, FileContentHttpResult, ValidationProblem>> Segments(
        HttpRequest request, AnalyticsDbContext db, TimeProvider clock, CancellationToken ct,
        int? k = null, string? at = null, string? format = null)
    {
        var errors = new ValidationErrors();
        var asOf = ReportPeriod.ReadInstant("at", at, errors) ?? clock.Now();
        var csv = Csv.Wanted(request, format, errors);
        if (k is < 2)
            errors.Add("k", "'k' must be at least 2.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var features = await FeaturesAsync(db, asOf, ct);
        if (k > features.Count)
            errors.Add("k", $"'k' must be at most the number of customers ({features.Count}).");
        else if (k is null && features.Count < 3)
            errors.Add("k", $"Segments need at least 3 customers to choose k (there are {features.Count}).");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var (standardised, means, stds) = KMeans.Standardise(features.Select(f => f.Values).ToList());
        var clustering = k is { } given
            ? KMeans.Cluster(standardised, given, cancellationToken: ct)
            : KMeans.ChooseK(standardised, Math.Min(MaxK, features.Count - 1), cancellationToken: ct);
        var segments = Enumerable.Range(0, clustering.K).Select(segment =>
        {
            var plain = clustering.Centroids[segment].Select((z, i) => Math.Round(means[i] + z * stds[i], 4)).ToArray();
            var members = features.Where((_, i) => clustering.Assignments[i] == segment).Select(f => f.CustomerId).ToList();
            return new CustomerSegment(segment, members.Count, new SegmentCentroid(plain[0], plain[1], plain[2], plain[3], plain[4]), members);
        }).ToList();
        var report = new SegmentsReport(asOf, clustering.K, Math.Round(clustering.Silhouette, 4), features.Count, segments);
        return csv == true
            ? Csv.File(segments.SelectMany(s => s.Members.Select(m => new { CustomerId = m, s.Segment, s.Centroid })), "segments")
            : TypedResults.Ok(report);
    }

    private sealed record CustomerFeatures(int CustomerId, double[] Values);

    private static async Task<List<CustomerFeatures>> FeaturesAsync(AnalyticsDbContext db, DateTimeOffset at, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.CreatedAt <= at).OrderBy(c => c.CustomerId)
            .Select(c => new { c.CustomerId, c.CreatedAt, c.Value }).ToListAsync(ct);
        var tickets = (await db.TicketMetrics.AsNoTracking().Where(t => t.CreatedAt <= at)
            .Select(t => new { t.RequesterId, t.CreatedAt, Rating = t.RatedAt <= at ? t.Satisfaction : null }).ToListAsync(ct))
            .ToLookup(t => t.RequesterId);
        var sentiments = (await db.CommentSentiments.AsNoTracking().Where(c => c.At <= at)
            .GroupBy(c => c.CustomerId).Select(g => new { CustomerId = g.Key, Mean = g.Average(c => c.Score) }).ToListAsync(ct))
            .ToDictionary(s => s.CustomerId, s => s.Mean);

        double? MedianSatisfaction(int customerId)
        {
            var ratings = tickets[customerId].Where(t => t.Rating is "good" or "bad").Select(t => t.Rating == "good" ? 1.0 : 0.0).ToList();
            return ReportCalculator.Percentile(ratings, 0.5);
        }
        var medians = customers.ToDictionary(c => c.CustomerId, c => MedianSatisfaction(c.CustomerId));
        var rated = medians.Values.Where(m => m is not null).Select(m => m!.Value).ToList();
        var unrated = rated.Count == 0 ? 0.5 : rated.Average();
        return customers.Select(c =>
        {
            var own = tickets[c.CustomerId].ToList();
            var last = own.Count == 0 ? c.CreatedAt : own.Max(t => t.CreatedAt);
            return new CustomerFeatures(c.CustomerId,
            [
                own.Count, Math.Round((at - last).TotalDays, 4), medians[c.CustomerId] ?? unrated, (double)(c.Value ?? 0),
                sentiments.GetValueOrDefault(c.CustomerId),
            ]);
        }).ToList();
    }
}
