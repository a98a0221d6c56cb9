using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Support.Benchmarks.KnowledgeBase;

public sealed record LoadResult(int Created, int Failed, TimeSpan Elapsed, List<double> LatenciesMs, Dictionary<string, int> Errors)
{
    public double PerSecond => Created / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Counts the published articles the knowledge base already holds and creates generated ones through the gateway
/// with several concurrent writers, each article retried a few times on a transient failure.
/// </summary>
public static class ArticleLoader
{
    private const int Attempts = 3;

    /// <summary>How many published articles there are, counting no further than <paramref name="enough"/> (pages of 100, newest first).</summary>
    public static async Task<int> CountPublishedAsync(HttpClient http, int enough, CancellationToken ct = default)
    {
        var count = 0;
        string? cursor = null;
        var lastReport = Stopwatch.GetTimestamp();
        while (count < enough)
        {
            var url = "api/kb/articles?status=published&limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await http.GetAsync(url, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {text}");
            using var page = JsonDocument.Parse(text);
            count += page.RootElement.GetProperty("items").GetArrayLength();
            cursor = page.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is null)
                break;
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  counted {count:N0} published articles so far …");
                lastReport = Stopwatch.GetTimestamp();
            }
        }
        return count;
    }

    /// <summary>Creates articles [from, to) of the seed's sequence, published, with <paramref name="writers"/> concurrent clients.</summary>
    public static async Task<LoadResult> LoadAsync(HttpClient http, int seed, long from, long to, int writers)
    {
        var next = from;
        var created = 0;
        var failed = 0;
        var errors = new ConcurrentDictionary<string, int>();
        var started = Stopwatch.GetTimestamp();

        using var progress = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), progress.Token);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    var done = Volatile.Read(ref created);
                    var rate = done / elapsed;
                    var left = (to - from - done - Volatile.Read(ref failed)) / Math.Max(rate, 1e-9);
                    Console.WriteLine($"  loaded {done:N0} / {to - from:N0} in {elapsed:0} s: {rate:N0} articles/s, about {left:0} s to go" +
                        (failed > 0 ? $", {failed:N0} failed" : ""));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        async Task<List<double>> Writer()
        {
            var latencies = new List<double>();
            var body = new ArrayBufferWriter<byte>(8192);
            using var json = new Utf8JsonWriter(body);
            while (true)
            {
                var index = Interlocked.Increment(ref next) - 1;
                if (index >= to)
                    return latencies;
                var article = ArticleGenerator.Generate(seed, index);
                body.ResetWrittenCount();
                json.Reset(body);
                Write(json, article);

                string? error = null;
                for (var attempt = 1; attempt <= Attempts; attempt++)
                {
                    var began = Stopwatch.GetTimestamp();
                    error = await PostAsync(http, body.WrittenMemory);
                    latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    if (error is null)
                        break;
                    errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                    if (error.StartsWith('4') && error != "429")
                        break; // the article itself is refused: retrying cannot help
                    await Task.Delay(200 * attempt);
                }
                if (error is null)
                    Interlocked.Increment(ref created);
                else
                    Interlocked.Increment(ref failed);
            }
        }

        var all = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(Writer)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await progress.CancelAsync();
        await reporter;
        return new LoadResult(created, failed, elapsed, all.SelectMany(l => l).ToList(), new Dictionary<string, int>(errors));
    }

    private static void Write(Utf8JsonWriter json, GeneratedArticle article)
    {
        json.WriteStartObject();
        json.WriteString("title"u8, article.Title);
        json.WriteString("body"u8, article.Body);
        json.WriteString("summary"u8, article.Summary);
        json.WriteString("locale"u8, article.Locale);
        json.WriteString("status"u8, "published"u8);
        json.WriteString("author"u8, "kb-benchmark"u8);
        json.WriteStartArray("tags"u8);
        foreach (var tag in article.Tags)
            json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    // null when created, else what went wrong: a status code, "timeout" or the connection error.
    private static async Task<string?> PostAsync(HttpClient http, ReadOnlyMemory<byte> body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/kb/articles");
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
                return null;
            if (response.StatusCode == HttpStatusCode.BadRequest)
                Console.Error.WriteLine($"  an article was refused: {text}");
            return ((int)response.StatusCode).ToString();
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString();
        }
    }
}
