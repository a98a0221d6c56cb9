using System.Text.Json;
using MassTransit;
using Support.Analytics.Customers;
using Support.Analytics.Sentiment;
using Support.Analytics.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Segments;

/// <summary>
/// Twelve customers, all joined 2026-04-01, in three obvious groups: four of high value with many tickets rated good
/// and thanked for; four of low value with more tickets rated bad and complained about; four who never opened one.
/// </summary>
public sealed class SegmentsFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Joined = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset At = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public const string Praise = "Thanks, that was a great help, very happy!";
    public const string Complaint = "Still broken, this is terrible and I am angry!";

    public sealed record Customer(int Id, decimal Value, int Tickets, string? Rating, string? Comment)
    {
        /// <summary>Ticket i (0-based) of this customer: created on 2026-05-(2 + 3i) at 09:00 + id minutes.</summary>
        public DateTimeOffset TicketCreatedAt(int i) => new DateTimeOffset(2026, 5, 2 + 3 * i, 9, 0, 0, TimeSpan.Zero).AddMinutes(Id);

        public int TicketId(int i) => Id * 100 + i;

        public string Subject(int i) => $"Order {TicketId(i)}";

        public string Description(int i) => $"About order {TicketId(i)} placed in April.";
    }

    public static readonly Customer[] HighValue =
        [new(301, 1000m, 4, "good", Praise), new(302, 1050m, 5, "good", Praise), new(303, 1100m, 5, "good", Praise), new(304, 1150m, 6, "good", Praise)];

    public static readonly Customer[] LowValue =
        [new(305, 10m, 6, "bad", Complaint), new(306, 20m, 7, "bad", Complaint), new(307, 30m, 7, "bad", Complaint), new(308, 40m, 8, "bad", Complaint)];

    public static readonly Customer[] Silent =
        [new(309, 200m, 0, null, null), new(310, 220m, 0, null, null), new(311, 240m, 0, null, null), new(312, 260m, 0, null, null)];

    public static IEnumerable<Customer> All => HighValue.Concat(LowValue).Concat(Silent);

    public AnalyticsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AnalyticsApp.StartAsync();
        foreach (var c in All)
        {
            await App.PublishAsync(new CustomerCreated(c.Id, $"c{c.Id}@example.com", $"Customer {c.Id}", null, Joined, "active", c.Value), NewId.NextGuid());
            var customer = new Actor("customer", c.Id.ToString());
            for (var i = 0; i < c.Tickets; i++)
            {
                var (ticket, at) = (c.TicketId(i), c.TicketCreatedAt(i));
                await App.PublishAsync(new TicketCreated(ticket, c.Subject(i), c.Description(i), "new", "normal", true, "question", "email",
                    c.Id, $"c{c.Id}@example.com", $"Customer {c.Id}", null, [], customer, at), NewId.NextGuid());
                await App.PublishAsync(new TicketCommentAdded(ticket, ticket * 10L, c.Comment!, true, customer, false, at.AddHours(2)), NewId.NextGuid());
                await App.PublishAsync(new SatisfactionRated(ticket, c.Rating!, null, null, c.Id, at.AddHours(3)), NewId.NextGuid());
            }
        }
        await App.WaitForConsumedAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>/api/analytics/customers/segments over customers whose groups are obvious.</summary>
public sealed class SegmentsApiTests(SegmentsFixture fixture) : IClassFixture<SegmentsFixture>
{
    private const string Path = "/api/analytics/customers/segments";
    private static readonly string AtQuery = $"at={Uri.EscapeDataString(SegmentsFixture.At.ToString("O"))}";

    private readonly AnalyticsApp app = fixture.App;

    [Fact]
    public async Task All_events_were_recorded()
    {
        var tickets = SegmentsFixture.All.Sum(c => c.Tickets);
        Assert.Equal(12 + 3 * tickets, await app.CountAsync("events"));
        Assert.Equal(tickets, await app.CountAsync("ticket_metrics"));
        Assert.True(SentimentScorer.Score(SegmentsFixture.Praise) > 0.5 && SentimentScorer.Score(SegmentsFixture.Complaint) < -0.5);
    }

    [Fact]
    public async Task Three_segments_hold_the_three_groups()
    {
        var report = await app.GetAsync<SegmentsReport>($"{Path}?k=3&{AtQuery}");

        Assert.Equal((3, 12, SegmentsFixture.At), (report.K, report.Customers, report.At));
        Assert.Equal([0, 1, 2], report.Segments.Select(s => s.Segment));
        // segments are ordered by their centroids, ticket volume first: none (0), high value (5), low value (7)
        Assert.Equal(Ids(SegmentsFixture.Silent), report.Segments[0].Members.Order());
        Assert.Equal(Ids(SegmentsFixture.HighValue), report.Segments[1].Members.Order());
        Assert.Equal(Ids(SegmentsFixture.LowValue), report.Segments[2].Members.Order());
        Assert.True(report.Silhouette > 0.5 && report.Silhouette <= 1, $"silhouette {report.Silhouette}");
    }

    [Fact]
    public async Task Sizes_sum_to_the_customers_and_every_customer_is_in_one_segment()
    {
        foreach (var k in new[] { 2, 3, 4, 7, 12 })
        {
            var report = await app.GetAsync<SegmentsReport>($"{Path}?k={k}&{AtQuery}");
            Assert.Equal(k, report.Segments.Count);
            Assert.All(report.Segments, s => Assert.Equal(s.Members.Count, s.Size));
            Assert.All(report.Segments, s => Assert.True(s.Size > 0, $"k={k}: segment {s.Segment} is empty"));
            Assert.Equal(12, report.Segments.Sum(s => s.Size));
            Assert.Equal(Ids(SegmentsFixture.All), report.Segments.SelectMany(s => s.Members).Order());
        }
    }

    [Fact]
    public async Task Centroids_are_in_plain_units()
    {
        var report = await app.GetAsync<SegmentsReport>($"{Path}?k=3&{AtQuery}");
        const double rated = 8; // customers with a rating: four whose median is 1, four whose median is 0

        AssertCentroid(SegmentsFixture.HighValue, report.Segments[1].Centroid, satisfaction: 1);
        AssertCentroid(SegmentsFixture.LowValue, report.Segments[2].Centroid, satisfaction: 0);
        AssertCentroid(SegmentsFixture.Silent, report.Segments[0].Centroid, satisfaction: 4.0 / rated); // unrated: the mean of the rated

        var high = report.Segments[1].Centroid;
        Assert.Equal((1075.0, 5.0), (high.Value, high.TicketVolume)); // (1000 + 1050 + 1100 + 1150) / 4; (4 + 5 + 5 + 6) / 4
        var silent = report.Segments[0].Centroid;
        Assert.Equal((0.0, 61.0, 0.0, 230.0), (silent.TicketVolume, silent.RecencyDays, silent.Sentiment, silent.Value)); // April 1 → June 1
    }

    [Fact]
    public async Task The_same_request_twice_gives_identical_json()
    {
        foreach (var query in new[] { $"k=3&{AtQuery}", $"k=5&{AtQuery}", AtQuery })
        {
            var first = await app.GetTextAsync($"{Path}?{query}");
            Assert.Equal(first, await app.GetTextAsync($"{Path}?{query}"));
        }
    }

    [Fact]
    public async Task Without_k_the_k_with_the_best_silhouette_is_chosen_from_2_to_10()
    {
        var chosen = await app.GetAsync<SegmentsReport>($"{Path}?{AtQuery}");

        Assert.InRange(chosen.K, 2, CustomersApi.MaxK);
        Assert.InRange(chosen.Silhouette, -1, 1);
        Assert.Equal(chosen.K, chosen.Segments.Count);
        var silhouettes = new Dictionary<int, double>();
        for (var k = 2; k <= CustomersApi.MaxK; k++)
        {
            var report = await app.GetAsync<SegmentsReport>($"{Path}?k={k}&{AtQuery}");
            Assert.InRange(report.Silhouette, -1, 1);
            silhouettes[k] = report.Silhouette;
        }
        Assert.True(silhouettes.Values.All(s => s <= chosen.Silhouette), $"chose k={chosen.K} ({chosen.Silhouette}) of {JsonSerializer.Serialize(silhouettes)}");
        Assert.Equal(silhouettes.First(s => s.Value == silhouettes.Values.Max()).Key, chosen.K); // the lowest k of the best
        Assert.Equal(JsonSerializer.Serialize(chosen), JsonSerializer.Serialize(await app.GetAsync<SegmentsReport>($"{Path}?k={chosen.K}&{AtQuery}")));
        Assert.Equal(3, chosen.K); // three obvious groups
    }

    [Fact]
    public async Task A_later_at_adds_to_recency_and_keeps_the_segments()
    {
        var now = await app.GetAsync<SegmentsReport>($"{Path}?k=3&{AtQuery}");
        var later = await app.GetAsync<SegmentsReport>($"{Path}?k=3&at={Uri.EscapeDataString(SegmentsFixture.At.AddDays(10).ToString("O"))}");

        Assert.Equal(now.Segments.Select(s => s.Members), later.Segments.Select(s => s.Members));
        Assert.Equal(now.Segments.Select(s => s.Centroid.RecencyDays + 10), later.Segments.Select(s => s.Centroid.RecencyDays), new ToleranceComparer(0.0005));
        Assert.Equal(now.Segments.Select(s => s.Centroid.Value), later.Segments.Select(s => s.Centroid.Value));
    }

    [Fact]
    public async Task At_before_the_tickets_sees_none_of_them()
    {
        // On 2026-05-01 all twelve had joined, none had a ticket: the features differ by value only.
        var report = await app.GetAsync<SegmentsReport>($"{Path}?k=3&at=2026-05-01T00:00:00Z");

        Assert.Equal(12, report.Customers);
        Assert.All(report.Segments, s => Assert.Equal((0.0, 30.0, 0.0), (s.Centroid.TicketVolume, s.Centroid.RecencyDays, s.Centroid.Sentiment)));
        Assert.Equal(Ids(SegmentsFixture.LowValue), report.Segments[0].Members.Order()); // the lowest values first
        Assert.Equal(Ids(SegmentsFixture.HighValue), report.Segments[2].Members.Order());
    }

    /// <summary>The centroid is the mean of the group's own features (rounded to 4 places).</summary>
    private static void AssertCentroid(SegmentsFixture.Customer[] group, SegmentCentroid centroid, double satisfaction)
    {
        const double tolerance = 0.0005;
        Assert.Equal(group.Average(c => (double)c.Value), centroid.Value, tolerance);
        Assert.Equal(group.Average(c => c.Tickets), centroid.TicketVolume, tolerance);
        Assert.Equal(group.Average(Recency), centroid.RecencyDays, tolerance);
        Assert.Equal(satisfaction, centroid.MedianSatisfaction, tolerance);
        Assert.Equal(group.Average(Sentiment), centroid.Sentiment, tolerance);
    }

    /// <summary>Days from the customer's last ticket (or joining) to 'at'.</summary>
    private static double Recency(SegmentsFixture.Customer c) =>
        ((SegmentsFixture.At - (c.Tickets == 0 ? SegmentsFixture.Joined : c.TicketCreatedAt(c.Tickets - 1))).TotalDays);

    /// <summary>The mean score of the customer's comments, each ticket's description counting as one.</summary>
    private static double Sentiment(SegmentsFixture.Customer c)
    {
        var scores = Enumerable.Range(0, c.Tickets)
            .SelectMany(i => new[] { SentimentScorer.Score($"{c.Subject(i)}\n{c.Description(i)}"), SentimentScorer.Score(c.Comment!) })
            .ToList();
        return scores.Count == 0 ? 0 : scores.Average();
    }

    private static int[] Ids(IEnumerable<SegmentsFixture.Customer> customers) => customers.Select(c => c.Id).Order().ToArray();

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
