using Support.Analytics.Sentiment;
using Support.Benchmarks.Analytics;
using Support.Contracts;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.MachineLearning;

/// <summary>A named set of customers' segment features (one row per customer, in customer id order) and its source.</summary>
public sealed record SegmentData(string Name, IReadOnlyList<double[]> Features);

/// <summary>
/// The features Analytics' <c>GET /api/analytics/customers/segments</c> clusters (CustomersApi.FeaturesAsync), computed
/// in memory from the events its read models are built from: ticket volume, days since the last ticket (or since
/// joining) at 'at' rounded to 4 places, median satisfaction (good 1, bad 0, as ReportCalculator.Percentile rounds it;
/// unrated: the mean of the rated, or 0.5), value (none: 0), mean sentiment of the customer's public comments (none: 0).
/// </summary>
public static class SegmentFeatures
{
    public static double[][] FromEvents(IEnumerable<object> events, DateTimeOffset at)
    {
        var customers = new SortedDictionary<int, (DateTimeOffset CreatedAt, decimal? Value)>();
        var tickets = new Dictionary<int, (int Requester, DateTimeOffset CreatedAt)>();
        var ratings = new Dictionary<int, (string Score, DateTimeOffset At)>();
        var sentiments = new Dictionary<int, List<double>>();
        foreach (var e in events)
            switch (e)
            {
                case CustomerCreated created:
                    customers[created.CustomerId] = (created.CreatedAt, created.Value);
                    break;
                case CustomerUpdated updated when customers.TryGetValue(updated.CustomerId, out var customer):
                    customers[updated.CustomerId] = customer with { Value = updated.Value };
                    break;
                case TicketCreated created:
                    tickets[created.TicketId] = (created.RequesterId, created.CreatedAt);
                    break;
                case SatisfactionRated rating:
                    ratings[rating.TicketId] = (rating.Score, rating.RatedAt);
                    break;
                case TicketCommentAdded { Public: true } comment when comment.Author.Type == "customer" && comment.CreatedAt <= at
                    && tickets.TryGetValue(comment.TicketId, out var ticket):
                    if (!sentiments.TryGetValue(ticket.Requester, out var scores)) sentiments[ticket.Requester] = scores = [];
                    scores.Add(SentimentScorer.Score(comment.Body));
                    break;
            }

        var byRequester = tickets.Where(t => t.Value.CreatedAt <= at).ToLookup(t => t.Value.Requester, t => (t.Key, t.Value.CreatedAt));
        var included = customers.Where(c => c.Value.CreatedAt <= at).ToList();
        var medians = included.ToDictionary(c => c.Key, c => Median(byRequester[c.Key]
            .Select(t => ratings.TryGetValue(t.Key, out var r) && r.At <= at ? r.Score : null)
            .Where(s => s is "good" or "bad").Select(s => s == "good" ? 1.0 : 0.0).ToList()));
        var rated = medians.Values.Where(m => m is not null).Select(m => m!.Value).ToList();
        var unrated = rated.Count == 0 ? 0.5 : rated.Average();
        return [.. included.Select(c =>
        {
            var own = byRequester[c.Key].ToList();
            var last = own.Count == 0 ? c.Value.CreatedAt : own.Max(t => t.CreatedAt);
            return new[]
            {
                own.Count, Math.Round((at - last).TotalDays, 4), medians[c.Key] ?? unrated, (double)(c.Value.Value ?? 0),
                sentiments.TryGetValue(c.Key, out var scores) ? scores.Average() : 0,
            };
        })];
    }

    /// <summary>As ReportCalculator.Percentile(values, 0.5).</summary>
    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var position = 0.5 * (values.Count - 1);
        var (low, high) = ((int)Math.Floor(position), (int)Math.Ceiling(position));
        return Math.Round(values[low] + (values[high] - values[low]) * (position - low), 2);
    }

    /// <summary>
    /// tests/Support.Analytics.Tests/Segments/SegmentsApiTests.cs' SegmentsFixture, copied: twelve customers joined
    /// 2026-04-01 in three obvious groups (high value, many tickets rated good and praised; low value, more tickets rated
    /// bad and complained about; four who never opened one), clustered at 2026-06-01.
    /// </summary>
    public static SegmentData SegmentsFixture()
    {
        var joined = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        const string praise = "Thanks, that was a great help, very happy!";
        const string complaint = "Still broken, this is terrible and I am angry!";
        (int Id, decimal Value, int Tickets, string? Rating, string? Comment)[] customers =
        [
            (301, 1000m, 4, "good", praise), (302, 1050m, 5, "good", praise), (303, 1100m, 5, "good", praise), (304, 1150m, 6, "good", praise),
            (305, 10m, 6, "bad", complaint), (306, 20m, 7, "bad", complaint), (307, 30m, 7, "bad", complaint), (308, 40m, 8, "bad", complaint),
            (309, 200m, 0, null, null), (310, 220m, 0, null, null), (311, 240m, 0, null, null), (312, 260m, 0, null, null),
        ];
        var events = new List<object>();
        foreach (var c in customers)
        {
            events.Add(new CustomerCreated(c.Id, $"c{c.Id}@example.com", $"Customer {c.Id}", null, joined, "active", c.Value));
            var customer = new Actor("customer", c.Id.ToString());
            for (var i = 0; i < c.Tickets; i++)
            {
                var (ticket, created) = (c.Id * 100 + i, new DateTimeOffset(2026, 5, 2 + 3 * i, 9, 0, 0, TimeSpan.Zero).AddMinutes(c.Id));
                events.Add(new TicketCreated(ticket, $"Order {ticket}", $"About order {ticket} placed in April.", "new", "normal", true, "question", "email",
                    c.Id, $"c{c.Id}@example.com", $"Customer {c.Id}", null, [], customer, created));
                events.Add(new TicketCommentAdded(ticket, ticket * 10L, c.Comment!, true, customer, false, created.AddHours(2)));
                events.Add(new SatisfactionRated(ticket, c.Rating!, null, null, c.Id, created.AddHours(3)));
            }
        }
        return new("Segments test fixture (12 customers, at 2026-06-01)", FromEvents(events, at));
    }

    /// <summary>The generated history of the Analytics benchmark (SupportHistory), scaled down so silhouettes stay cheap.</summary>
    public static SegmentData Generated(int customers = 3_000, int tickets = 60_000, int days = 365, int seed = 42)
    {
        var end = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var history = new SupportHistory(seed, tickets, customers, days, end);
        return new($"SupportHistory (seed {seed}: {customers:N0} customers, {tickets:N0} tickets, {days} days, at {end:yyyy-MM-dd})",
            FromEvents(history.Events(), end));
    }
}
