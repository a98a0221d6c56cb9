using System.Diagnostics;
using System.Net;

namespace Support.Benchmarks.Analytics;

/// <summary>A report a dashboard asks for, relative to the moment it asks.</summary>
public sealed record ReportQuery(string Name, string Description, Func<DateTimeOffset, string> Url)
{
    public static readonly IReadOnlyList<ReportQuery> All =
    [
        new("summary-7d", "summary, last 7 days", now => Summary(now, 7)),
        new("summary-30d", "summary, last 30 days", now => Summary(now, 30)),
        new("summary-30d-agent", "summary, 30 days, groupBy=agent", now => Summary(now, 30) + "&groupBy=agent"),
        new("summary-30d-channel", "summary, 30 days, groupBy=channel", now => Summary(now, 30) + "&groupBy=channel"),
        new("timeseries-30d-day", "timeseries, 30 days by day", now => Timeseries(now, 30, "day")),
        new("timeseries-7d-hour", "timeseries, 7 days by hour", now => Timeseries(now, 7, "hour")),
        new("timeseries-365d-week", "timeseries, 365 days by week", now => Timeseries(now, 365, "week")),
        new("agents-30d", "agents, last 30 days", now => $"api/analytics/agents?from={Instant(now.AddDays(-30))}&to={Instant(now)}"),
    ];

    private static string Summary(DateTimeOffset now, int days) => $"api/analytics/summary?from={Instant(now.AddDays(-days))}&to={Instant(now)}";

    private static string Timeseries(DateTimeOffset now, int days, string interval) =>
        $"api/analytics/timeseries?from={Instant(now.AddDays(-days))}&to={Instant(now)}&interval={interval}";

    /// <summary>ISO 8601 in UTC to the second, safe in a query string as it is.</summary>
    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/// <summary>One measured request: which query, how long until the whole answer was in, how big it was, and what went wrong (null: 2xx).</summary>
public readonly record struct QueryTiming(int Kind, double Ms, int Bytes, string? Error);

/// <summary>
/// Closed-loop report clients: each asks for the next of the queries in turn (client i starting at query i) and, when
/// the whole answer is in, for the next, through the gateway. A warm-up first, not counted, then the measured window;
/// a request counts in the window it started in.
/// </summary>
public sealed class ReportQueryLoad(HttpClient http, IReadOnlyList<ReportQuery> queries)
{
    public async Task<(List<QueryTiming> Timings, TimeSpan Measured)> RunAsync(int clients, TimeSpan warmup, TimeSpan duration)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(i, measureFrom, measureTo))));
        return (results.SelectMany(r => r).ToList(), Stopwatch.GetElapsedTime(measureFrom));
    }

    private async Task<List<QueryTiming>> ClientAsync(int client, long measureFrom, long measureTo)
    {
        var timings = new List<QueryTiming>();
        var buffer = new byte[64 * 1024];
        var reported = false;
        for (var n = client; ; n++)
        {
            var kind = n % queries.Count;
            var started = Stopwatch.GetTimestamp();
            if (started >= measureTo)
                return timings;
            var url = queries[kind].Url(DateTimeOffset.UtcNow);
            string? error = null;
            var bytes = 0;
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                    bytes += read;
                if (!response.IsSuccessStatusCode)
                {
                    error = ((int)response.StatusCode).ToString();
                    if (!reported && response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        reported = true;
                        Console.Error.WriteLine($"    GET {url} answered {error}");
                    }
                }
            }
            catch (TaskCanceledException)
            {
                error = "timeout";
            }
            catch (HttpRequestException ex)
            {
                error = ex.HttpRequestError.ToString();
            }
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (started >= measureFrom)
                timings.Add(new QueryTiming(kind, ms, bytes, error));
        }
    }
}
