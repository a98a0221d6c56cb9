using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Support.Analytics.Customers;
using Support.Analytics.Reports;
using Support.Analytics.Tests.Infrastructure;
using Support.Contracts.Customers;

namespace Support.Analytics.Tests;

/// <summary>One app for <see cref="BadInputTests"/>, holding three customers (joined 2026-05-01) for the segment checks.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Joined = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public AnalyticsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AnalyticsApp.StartAsync();
        for (var id = 1; id <= 3; id++)
            await App.PublishAsync(new CustomerCreated(id, $"c{id}@example.com", $"Customer {id}", null, Joined.AddHours(id), "active", 10m * id),
                NewId.NextGuid());
        await App.WaitForConsumedAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Bad query parameters give a 400 validation problem naming the field (and change nothing); unknown ids a 404 problem.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string Period = "from=2026-05-01T00:00:00Z&to=2026-05-08T00:00:00Z";
    private const string Segments = "/api/analytics/customers/segments";
    private const string SegmentsAt = "at=2026-05-10T00:00:00Z";

    private readonly AnalyticsApp app = fixture.App;

    /// <summary>The endpoints that read a period from 'from' and 'to'.</summary>
    public static TheoryData<string> PeriodEndpoints => new()
    {
        "/api/analytics/summary", "/api/analytics/timeseries", "/api/analytics/agents", "/api/analytics/customers", "/api/analytics/sentiment",
        "/api/analytics/sla",
    };

    /// <summary>The endpoints that group by 'groupBy'.</summary>
    public static TheoryData<string> GroupedEndpoints => new() { "/api/analytics/summary", "/api/analytics/timeseries", "/api/analytics/sentiment" };

    /// <summary>Every report (each can answer in CSV), with valid parameters.</summary>
    public static TheoryData<string> Reports => new()
    {
        $"/api/analytics/summary?{Period}", $"/api/analytics/timeseries?{Period}", $"/api/analytics/agents?{Period}",
        $"/api/analytics/customers?{Period}", $"/api/analytics/sentiment?{Period}", $"{Segments}?{SegmentsAt}",
        $"/api/analytics/sla?{Period}",
    };

    [Theory]
    [MemberData(nameof(GroupedEndpoints))]
    public async Task Unknown_groupBy_is_a_400_naming_groupBy(string endpoint)
    {
        Assert.Equal(["groupBy"], await BadRequestFieldsAsync($"{endpoint}?{Period}&groupBy=planet"));
        await AssertOkAsync($"{endpoint}?{Period}&groupBy=channel"); // the same request with a known groupBy is fine
    }

    [Theory]
    [MemberData(nameof(PeriodEndpoints))]
    public async Task To_before_from_is_a_400_naming_to(string endpoint)
    {
        Assert.Equal(["to"], await BadRequestFieldsAsync($"{endpoint}?from=2026-05-08T00:00:00Z&to=2026-05-01T00:00:00Z"));
        Assert.Equal(["to"], await BadRequestFieldsAsync($"{endpoint}?from=2026-05-08T00:00:00Z&to=2026-05-07T23:59:59Z"));
    }

    [Theory]
    [MemberData(nameof(PeriodEndpoints))]
    public async Task To_equal_to_from_is_a_400_naming_to(string endpoint)
    {
        Assert.Equal(["to"], await BadRequestFieldsAsync($"{endpoint}?from=2026-05-08T00:00:00Z&to=2026-05-08T00:00:00Z"));
        // the same instant in another offset is still equal
        Assert.Equal(["to"], await BadRequestFieldsAsync($"{endpoint}?from=2026-05-08T00:00:00Z&to=2026-05-08T02:00:00%2B02:00"));
        await AssertOkAsync($"{endpoint}?from=2026-05-08T00:00:00Z&to=2026-05-08T00:00:01Z");
    }

    [Theory]
    [MemberData(nameof(PeriodEndpoints))]
    public async Task Unparseable_from_is_a_400_naming_from(string endpoint)
    {
        foreach (var bad in new[] { "yesterday", "2026-13-45", "2026-05-01T25:00:00Z", "12345678901234567890" })
            Assert.Equal(["from"], await BadRequestFieldsAsync($"{endpoint}?from={Uri.EscapeDataString(bad)}&to=2026-05-08T00:00:00Z"));
    }

    [Theory]
    [MemberData(nameof(PeriodEndpoints))]
    public async Task Unparseable_to_is_a_400_naming_to(string endpoint)
    {
        foreach (var bad in new[] { "tomorrow", "2026-02-30", "2026-05-08T00:00:00Q" })
            Assert.Equal(["to"], await BadRequestFieldsAsync($"{endpoint}?from=2026-05-01T00:00:00Z&to={Uri.EscapeDataString(bad)}"));
    }

    [Theory]
    [MemberData(nameof(PeriodEndpoints))]
    public async Task Both_unparseable_name_both(string endpoint) =>
        Assert.Equal(["from", "to"], (await BadRequestFieldsAsync($"{endpoint}?from=soon&to=later")).Order());

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Unknown_format_is_a_400_naming_format(string report)
    {
        Assert.Equal(["format"], await BadRequestFieldsAsync($"{report}&format=xml"));
        Assert.Equal(["format"], await BadRequestFieldsAsync($"{report}&format=csv2"));
        await AssertOkAsync($"{report}&format=json");
        await AssertOkAsync($"{report}&format=CSV");
    }

    [Fact]
    public async Task Several_bad_parameters_are_named_together()
    {
        var fields = await BadRequestFieldsAsync("/api/analytics/timeseries?from=whenever&groupBy=planet&interval=fortnight&format=xml");
        Assert.Equal(["format", "from", "groupBy", "interval"], fields.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fortnight")]
    [InlineData("month")]
    [InlineData("minute")]
    [InlineData("1h")]
    public async Task Timeseries_unknown_interval_is_a_400_naming_interval(string interval)
    {
        Assert.Equal(["interval"], await BadRequestFieldsAsync($"/api/analytics/timeseries?{Period}&interval={interval}"));
    }

    [Fact]
    public async Task Timeseries_of_hours_over_a_year_is_a_400_naming_interval()
    {
        // 8,760 hourly buckets: more than 2,000
        Assert.Equal(["interval"], await BadRequestFieldsAsync("/api/analytics/timeseries?from=2025-05-01T00:00:00Z&to=2026-05-01T00:00:00Z&interval=hour"));
        // the same year by day (365 buckets) or by week is fine
        Assert.Equal(365, (await app.GetAsync<TimeseriesReport>("/api/analytics/timeseries?from=2025-05-01T00:00:00Z&to=2026-05-01T00:00:00Z&interval=day")).Buckets.Count);
        await AssertOkAsync("/api/analytics/timeseries?from=2025-05-01T00:00:00Z&to=2026-05-01T00:00:00Z&interval=week");
    }

    [Fact]
    public async Task Timeseries_allows_exactly_2000_buckets_and_refuses_2001()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string Hours(int hours) =>
            $"/api/analytics/timeseries?from=2026-01-01T00:00:00Z&to={Uri.EscapeDataString(from.AddHours(hours).ToString("O"))}&interval=hour";

        var series = await app.GetAsync<TimeseriesReport>(Hours(ReportsApi.MaxBuckets));
        Assert.Equal(ReportsApi.MaxBuckets, series.Buckets.Count);
        Assert.Equal(["interval"], await BadRequestFieldsAsync(Hours(ReportsApi.MaxBuckets + 1)));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-2")]
    public async Task Segments_k_below_2_is_a_400_naming_k(string k)
    {
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k={k}&{SegmentsAt}"));
    }

    [Theory]
    [InlineData("three")]
    [InlineData("2.5")]
    public async Task Segments_k_not_a_whole_number_is_a_400_naming_k(string k)
    {
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k={k}&{SegmentsAt}"));
    }

    [Fact]
    public async Task Segments_k_above_the_number_of_customers_is_a_400_naming_k()
    {
        Assert.Equal(3, await app.CountAsync("customers"));
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k=4&{SegmentsAt}"));
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k=100&{SegmentsAt}"));

        var report = await app.GetAsync<SegmentsReport>($"{Segments}?k=3&{SegmentsAt}");
        Assert.Equal((3, 3), (report.K, report.Customers));
        Assert.All(report.Segments, s => Assert.Equal(1, s.Size));
        Assert.Equal([1, 2, 3], report.Segments.SelectMany(s => s.Members).Order());
    }

    [Fact]
    public async Task Segments_count_only_customers_who_had_joined_at_at()
    {
        // At 10:30 on 2026-05-01 customer 1 (10:00) had joined, 2 (11:00) and 3 (12:00) not yet.
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k=2&at=2026-05-01T10:30:00Z"));
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?at=2026-05-01T10:30:00Z")); // too few to choose k
        Assert.Equal(["k"], await BadRequestFieldsAsync($"{Segments}?k=3&at=2026-05-01T11:30:00Z"));
        Assert.Equal(2, (await app.GetAsync<SegmentsReport>($"{Segments}?k=2&at=2026-05-01T11:30:00Z")).Customers);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2026-05-32")]
    [InlineData("2026-05-10T00:00:00ZZ")]
    public async Task Segments_unparseable_at_is_a_400_naming_at(string at)
    {
        Assert.Equal(["at"], await BadRequestFieldsAsync($"{Segments}?at={Uri.EscapeDataString(at)}"));
        Assert.Contains("at", await BadRequestFieldsAsync($"{Segments}?k=2&at={Uri.EscapeDataString(at)}"));
    }

    /// <summary>
    /// With 'at' or 'format' bad, the segments endpoint skips reading the customers and then also reports a valid k as
    /// "'k' must be at most the number of customers (0)" although there are three: a false error (see the report).
    /// </summary>
    [Fact]
    public async Task Segments_a_bad_at_or_format_names_only_that_field_not_a_valid_k()
    {
        Assert.Equal(["at"], await BadRequestFieldsAsync($"{Segments}?k=2&at=soon"));
        Assert.Equal(["format"], await BadRequestFieldsAsync($"{Segments}?k=2&{SegmentsAt}&format=xml"));
    }

    [Theory]
    [InlineData("/api/analytics/tickets/999", "Ticket 999")]
    [InlineData("/api/analytics/customers/999", "Customer 999")]
    public async Task Unknown_ids_are_a_404_problem(string path, string what)
    {
        var before = await CountsAsync();
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(what, problem.GetProperty("title").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_known_customer_is_found()
    {
        var customer = await app.GetAsync<CustomerAnalytics>("/api/analytics/customers/2");
        Assert.Equal((2, 20m, 0), (customer.CustomerId, customer.Value!.Value, customer.Tickets));
    }

    /// <summary>The fields a 400 validation problem names, after checking that the request changed no table.</summary>
    private async Task<string[]> BadRequestFieldsAsync(string path)
    {
        var before = await CountsAsync();
        var response = await app.Client().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: expected 400, got {(int)response.StatusCode} {body}");
        var fields = await response.ProblemFieldsAsync();
        Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(before, await CountsAsync());
        return fields;
    }

    private async Task AssertOkAsync(string path)
    {
        var response = await app.Client().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<(long Events, long Customers, long Tickets, long Spans)> CountsAsync() =>
        (await app.CountAsync("events"), await app.CountAsync("customers"), await app.CountAsync("ticket_metrics"),
            await app.CountAsync("customer_status_spans"));
}
