using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MassTransit;
using Support.Analytics.Customers;
using Support.Analytics.Reports;
using Support.Analytics.Sentiment;
using Support.Analytics.Tests.Infrastructure;
using Support.Contracts;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Reports;

/// <summary>
/// One app for <see cref="CsvExportTests"/>: the scenario's events, published once, and ticket 2 put in the category
/// <c>Billing, "VIP"</c> (a comma and quotes, which CSV must quote and double).
/// </summary>
public sealed class CsvExportFixture : IAsyncLifetime
{
    public const string AwkwardCategory = "Billing, \"VIP\"";

    public AnalyticsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AnalyticsApp.StartAsync();
        foreach (var (message, id) in Scenario.Events)
            await App.PublishAsync(message, id);
        await App.PublishAsync(
            new TicketUpdated(2, [new FieldChange("category", null, AwkwardCategory)], Actor.System, Scenario.Monday.AddHours(10).AddMinutes(1)),
            NewId.NextGuid());
        await App.WaitForConsumedAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Every report as CSV (RFC 4180) on ?format=csv or Accept: text/csv, with the figures of its JSON.</summary>
public sealed class CsvExportTests(CsvExportFixture fixture) : IClassFixture<CsvExportFixture>
{
    private const string Segments = "/api/analytics/customers/segments?k=2&at=2026-03-04T00:00:00Z";

    private readonly AnalyticsApp app = fixture.App;

    /// <summary>Each report, its file name, and the columns its CSV must have (the JSON's fields, flattened).</summary>
    public static TheoryData<string, string, string[]> Reports => new()
    {
        { $"/api/analytics/summary?{Scenario.Period}&groupBy=channel", "summary", ReportColumns },
        { $"/api/analytics/timeseries?{Scenario.Period}&interval=day", "timeseries", ReportColumns },
        { $"/api/analytics/agents?{Scenario.Period}", "agents", Columns<AgentFigures>() },
        { $"/api/analytics/customers?{Scenario.Period}", "customers", Columns<ChurnReport>() },
        { $"/api/analytics/sentiment?{Scenario.Period}&groupBy=channel", "sentiment", ["Key", .. Columns<SentimentFigures>()] },
        { Segments, "segments", ["CustomerId", "Segment", .. Columns<SegmentCentroid>()] },
    };

    private static string[] ReportColumns => ["From", "To", "Group", .. Columns<ReportFigures>(), .. Columns<KnowledgeBaseFigures>()];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Format_csv_gives_rfc_4180_text_csv_with_a_header_row(string path, string name, string[] columns)
    {
        var response = await app.Client().GetAsync($"{path}&format=csv");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{name}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        AssertCrlfLines(body);

        var rows = ParseCsv(body);
        Assert.Equal(columns, rows[0]);
        Assert.True(rows.Count > 1, $"no data rows:\n{body}");
        Assert.All(rows, row => Assert.Equal(columns.Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Accept_text_csv_gives_the_same_csv_as_format_csv(string path, string name, string[] columns)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await app.Client().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{name}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        AssertCrlfLines(body);
        Assert.Equal(columns, ParseCsv(body)[0]);
        Assert.Equal(await app.GetTextAsync($"{path}&format=csv"), body);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Json_is_the_default_and_format_json_wins_over_accept_text_csv(string path, string name, string[] columns)
    {
        _ = (name, columns);
        var plain = await app.Client().GetAsync(path);
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);

        var request = new HttpRequestMessage(HttpMethod.Get, $"{path}&format=json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await app.Client().SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Summary_csv_by_channel_has_an_all_row_and_a_row_per_channel_with_the_json_figures()
    {
        const string path = $"/api/analytics/summary?{Scenario.Period}&groupBy=channel";
        var json = JsonDocument.Parse(await app.GetTextAsync(path)).RootElement;
        var rows = ParseCsv(await app.GetTextAsync($"{path}&format=csv"));
        var header = rows[0];

        Assert.Equal(["all", "chat", "email", "web"], rows.Skip(1).Select(r => r[2]));
        Assert.Equal(json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()), rows.Skip(2).Select(r => r[2]));
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(json.GetProperty("from").GetDateTimeOffset(), DateTimeOffset.Parse(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(json.GetProperty("to").GetDateTimeOffset(), DateTimeOffset.Parse(row[1], CultureInfo.InvariantCulture));
            var figures = row[2] == ReportsApi.All
                ? json.GetProperty("total")
                : json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == row[2]).GetProperty("figures");
            AssertFiguresEqual(header, row, figures, row[2] == ReportsApi.All ? json.GetProperty("knowledgeBase") : null);
        }
        // the scenario's hand-computed figures, read from the CSV
        var all = rows[1];
        Assert.Equal(["3", "3", "1"], [Cell(header, all, "Created"), Cell(header, all, "Solved"), Cell(header, all, "Backlog")]);
        Assert.Equal(["822", "0.5", "0.3333"], [Cell(header, all, "FirstReplyP90Minutes"), Cell(header, all, "Csat"), Cell(header, all, "ReopenRate")]);
        var chat = rows[2];
        Assert.Equal(["1", "1", "0", "20"], [Cell(header, chat, "Created"), Cell(header, chat, "Solved"), Cell(header, chat, "Backlog"), Cell(header, chat, "FirstReplyMedianMinutes")]);
        Assert.Equal("", Cell(header, chat, "Asked")); // the answer bot's figures are the total's only
    }

    [Fact]
    public async Task A_value_with_a_comma_and_quotes_is_quoted_with_the_quotes_doubled()
    {
        const string path = $"/api/analytics/summary?{Scenario.Period}&groupBy=category";
        var body = await app.GetTextAsync($"{path}&format=csv");

        Assert.Contains(",\"Billing, \"\"VIP\"\"\",", body);
        var rows = ParseCsv(body);
        Assert.Equal(["all", CsvExportFixture.AwkwardCategory, "billing", ReportsApi.None], rows.Skip(1).Select(r => r[2]));
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length)); // the comma did not split the field

        var json = await app.GetAsync<SummaryReport>(path);
        Assert.Equal([CsvExportFixture.AwkwardCategory, "billing", null], json.Groups.Select(g => g.Key));
        var vip = rows.Single(r => r[2] == CsvExportFixture.AwkwardCategory);
        Assert.Equal(["1", "1", "0"], [Cell(rows[0], vip, "Created"), Cell(rows[0], vip, "CsatResponses"), Cell(rows[0], vip, "Csat")]); // ticket 2, rated bad
    }

    [Fact]
    public async Task Timeseries_csv_has_one_all_row_per_bucket_each_followed_by_its_groups()
    {
        const string path = $"/api/analytics/timeseries?{Scenario.Period}&interval=hour&groupBy=channel";
        var json = await app.GetAsync<TimeseriesReport>(path);
        var rows = ParseCsv(await app.GetTextAsync($"{path}&format=csv"));
        var header = rows[0];

        Assert.Equal(48, json.Buckets.Count);
        var allRows = rows.Skip(1).Where(r => r[2] == ReportsApi.All).ToList();
        Assert.Equal(json.Buckets.Count, allRows.Count);
        Assert.Equal(json.Buckets.Select(b => b.Start), allRows.Select(r => DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal(json.Buckets.Select(b => b.End), allRows.Select(r => DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(json.Buckets.Select(b => b.Total.Created.ToString(CultureInfo.InvariantCulture)), allRows.Select(r => Cell(header, r, "Created")));
        Assert.Equal(json.Buckets.Select(b => b.Total.Backlog.ToString(CultureInfo.InvariantCulture)), allRows.Select(r => Cell(header, r, "Backlog")));

        // in order: each bucket's "all" row, then its groups' rows
        var expected = json.Buckets.SelectMany(b => b.Groups.Select(g => g.Key ?? ReportsApi.None).Prepend(ReportsApi.All)
            .Select(group => $"{b.Start:O} {group}"));
        Assert.Equal(expected, rows.Skip(1).Select(r => $"{DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture):O} {r[2]}"));
        Assert.Equal(3, rows.Skip(1).Count(r => r[2] != ReportsApi.All && Cell(header, r, "Created") == "1")); // tickets 1, 2, 3 on Monday
    }

    [Fact]
    public async Task Agents_csv_holds_the_agents_of_the_json()
    {
        var json = await app.GetAsync<AgentsReport>($"/api/analytics/agents?{Scenario.Period}");
        var rows = ParseCsv(await app.GetTextAsync($"/api/analytics/agents?{Scenario.Period}&format=csv"));

        Assert.Equal(["5", "6"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(json.Agents.Select(a => $"{a.AgentId},{a.Solved},{a.CsatResponses},{a.CurrentLoad}"),
            rows.Skip(1).Select(r => $"{Cell(rows[0], r, "AgentId")},{Cell(rows[0], r, "Solved")},{Cell(rows[0], r, "CsatResponses")},{Cell(rows[0], r, "CurrentLoad")}"));
        Assert.Equal("", Cell(rows[0], rows[2], "Csat")); // agent 6 has no rating: an empty field, not "null"
    }

    [Fact]
    public async Task Customers_csv_is_the_churn_report_in_one_row()
    {
        var rows = ParseCsv(await app.GetTextAsync($"/api/analytics/customers?{Scenario.Period}&format=csv"));

        var row = Assert.Single(rows.Skip(1));
        string[] columns = ["AtStart", "AtEnd", "New", "Churned", "Retained", "ChurnRate", "RetentionRate"];
        Assert.Equal(["3", "3", "1", "1", "2", "0.3333", "0.6667"], columns.Select(c => Cell(rows[0], row, c)));
    }

    [Fact]
    public async Task Sentiment_csv_has_an_all_row_and_the_json_groups()
    {
        const string path = $"/api/analytics/sentiment?{Scenario.Period}&groupBy=channel";
        var json = await app.GetAsync<SentimentReport>(path);
        var rows = ParseCsv(await app.GetTextAsync($"{path}&format=csv"));

        Assert.Equal(json.Groups.Select(g => g.Key).Prepend(ReportsApi.All), rows.Skip(1).Select(r => r[0]));
        var figures = json.Groups.Select(g => g.Figures).Prepend(json.Total).ToList();
        Assert.Equal(figures.Select(f => $"{f.Comments} {f.Positive} {f.Neutral} {f.Negative} {f.Average?.ToString(CultureInfo.InvariantCulture)}"),
            rows.Skip(1).Select(r => string.Join(' ', new[] { "Comments", "Positive", "Neutral", "Negative", "Average" }.Select(c => Cell(rows[0], r, c)))));
        Assert.Equal("4", Cell(rows[0], rows[1], "Comments"));
    }

    [Fact]
    public async Task Segments_csv_has_a_row_per_customer_with_the_json_segment()
    {
        var json = await app.GetAsync<SegmentsReport>(Segments);
        var rows = ParseCsv(await app.GetTextAsync($"{Segments}&format=csv"));

        Assert.Equal(4, json.Customers);
        Assert.Equal([101, 102, 103, 104], rows.Skip(1).Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Order());
        foreach (var row in rows.Skip(1))
        {
            var segment = json.Segments.Single(s => s.Members.Contains(int.Parse(row[0], CultureInfo.InvariantCulture)));
            Assert.Equal(segment.Segment.ToString(CultureInfo.InvariantCulture), Cell(rows[0], row, "Segment"));
            Assert.Equal(segment.Centroid.Value, double.Parse(Cell(rows[0], row, "Value"), CultureInfo.InvariantCulture));
            Assert.Equal(segment.Centroid.TicketVolume, double.Parse(Cell(rows[0], row, "TicketVolume"), CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("timeseries")]
    [InlineData("customers")]
    public async Task Csv_times_are_iso_8601_as_in_the_json(string report)
    {
        var path = $"/api/analytics/{report}?{Scenario.Period}";
        var json = JsonDocument.Parse(await app.GetTextAsync(path)).RootElement;
        var rows = ParseCsv(await app.GetTextAsync($"{path}&format=csv"));

        Assert.Equal(["From", "To"], rows[0][..2]);
        // not CsvHelper's invariant default "03/02/2026 00:00:00 +00:00", which a spreadsheet outside the US reads as 3 February
        Assert.All(rows.Skip(1), row => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", row[0]));
        Assert.All(rows.Skip(1), row => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", row[1]));
        Assert.Equal(json.GetProperty("from").GetDateTimeOffset(), DateTimeOffset.Parse(rows[1][0], CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("to").GetDateTimeOffset(), DateTimeOffset.Parse(rows[^1][1], CultureInfo.InvariantCulture));
        Assert.StartsWith("2026-03-02T00:00:00", rows[1][0]);
    }

    /// <summary>Each figure column of the CSV row is the JSON's: a number equal to it, or empty for null.</summary>
    private static void AssertFiguresEqual(string[] header, string[] row, JsonElement figures, JsonElement? knowledgeBase)
    {
        var compared = 0;
        for (var i = 3; i < header.Length; i++)
        {
            var property = JsonNamingPolicy.CamelCase.ConvertName(header[i]);
            JsonElement value;
            if (figures.TryGetProperty(property, out var figure))
                value = figure;
            else if (knowledgeBase is { } kb)
                value = kb.GetProperty(property);
            else
            {
                Assert.True(row[i] == "", $"{row[2]}: {header[i]} should be empty, is '{row[i]}'");
                continue;
            }
            if (value.ValueKind == JsonValueKind.Null)
                Assert.True(row[i] == "", $"{row[2]}: {header[i]} is null in JSON, '{row[i]}' in CSV");
            else
                Assert.True(value.GetDouble() == double.Parse(row[i], CultureInfo.InvariantCulture), $"{row[2]}: {header[i]} is {value} in JSON, '{row[i]}' in CSV");
            compared++;
        }
        Assert.Equal(typeof(ReportFigures).GetProperties().Length + (knowledgeBase is null ? 0 : typeof(KnowledgeBaseFigures).GetProperties().Length), compared);
    }

    private static string Cell(string[] header, string[] row, string column)
    {
        var index = Array.IndexOf(header, column);
        Assert.True(index >= 0, $"no column {column} in {string.Join(",", header)}");
        return row[index];
    }

    private static string[] Columns<T>() => typeof(T).GetProperties().Select(p => p.Name).ToArray();

    /// <summary>Every line ends in CRLF: no bare LF or CR anywhere (the reports hold no multi-line values).</summary>
    private static void AssertCrlfLines(string body)
    {
        Assert.EndsWith("\r\n", body);
        var withoutCrlf = body.Replace("\r\n", "");
        Assert.DoesNotContain('\n', withoutCrlf);
        Assert.DoesNotContain('\r', withoutCrlf);
        Assert.False(body.StartsWith('\uFEFF'), "a byte order mark before the header");
    }

    /// <summary>
    /// RFC 4180: records end in CRLF (the last may not), fields are split by commas, a quoted field may hold commas,
    /// CRLF and quotes doubled. Fails on a bare LF, a quote inside an unquoted field or text after a closing quote.
    /// </summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var (quoted, wasQuoted) = (false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    Assert.True(field.Length == 0 && !wasQuoted, $"a quote inside an unquoted field at {i}");
                    (quoted, wasQuoted) = (true, true);
                    break;
                case ',':
                    row.Add(field.ToString());
                    (field, wasQuoted) = (new StringBuilder(), false);
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"a CR without LF at {i}");
                    i++;
                    row.Add(field.ToString());
                    rows.Add([.. row]);
                    (row, field, wasQuoted) = ([], new StringBuilder(), false);
                    break;
                case '\n':
                    Assert.Fail($"a bare LF at {i}");
                    break;
                default:
                    Assert.False(wasQuoted, $"text after a closing quote at {i}");
                    field.Append(c);
                    break;
            }
        }
        Assert.False(quoted, "an unclosed quote");
        if (field.Length > 0 || row.Count > 0 || wasQuoted)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        Assert.NotEmpty(rows);
        return rows;
    }
}
