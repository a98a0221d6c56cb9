using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Support.Benchmarks.KnowledgeBase;

public enum QueryTarget { Search, Answers, Both }

/// <summary>One request of the measured window: what was asked, how long it took, what came back.</summary>
public readonly record struct QuerySample(QueryKind Kind, double Ms, int Results, double Confidence, bool Handoff);

public sealed class QueryClientResult
{
    public List<QuerySample> Samples { get; } = new(8192);
    public Dictionary<string, int> Errors { get; } = [];
}

/// <summary>
/// Closed-loop clients: each sends a search (GET /api/kb/search) or a question (POST /api/kb/answers) and, when the
/// answer is in, the next, through the gateway. A warm-up first, not counted; then the measured window, a request
/// counting in the window it started in. Each client's queries come from its own seeded generator, so every run asks
/// the same questions.
/// </summary>
public sealed class QueryLoad(HttpClient http, int clients)
{
    public async Task<(QueryClientResult[] Clients, TimeSpan Measured)> RunAsync(QueryTarget target, TimeSpan warmup, TimeSpan duration, int seed)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, clients)
            .Select(i => Task.Run(() => ClientLoopAsync(target, new Random(ArticleGenerator.HashCode(seed, i)), measureFrom, measureTo))));
        return (results, Stopwatch.GetElapsedTime(measureFrom));
    }

    private async Task<QueryClientResult> ClientLoopAsync(QueryTarget target, Random random, long measureFrom, long measureTo)
    {
        var result = new QueryClientResult();
        var queries = new QueryGenerator(random);
        var body = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(body);
        var buffer = new byte[16384];
        var ask = target == QueryTarget.Answers;

        while (true)
        {
            if (target == QueryTarget.Both)
                ask = !ask;
            var query = ask ? queries.NextQuestion() : queries.NextSearch();
            var started = Stopwatch.GetTimestamp();
            if (started >= measureTo)
                return result;

            string? error = null;
            var sample = default(QuerySample);
            try
            {
                using var request = ask ? Question(query, body, json) : Search(query);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                (buffer, var length) = await TicketLoad.ReadBodyAsync(response, buffer);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    error = ((int)response.StatusCode).ToString();
                    if (result.Errors.Count == 0 && started >= measureFrom)
                        Console.Error.WriteLine($"  {request.Method} {request.RequestUri} answered {error}: {System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 500))}");
                }
                else
                    sample = Read(buffer.AsSpan(0, length), query.Kind, ms);
            }
            catch (TaskCanceledException)
            {
                error = "timeout";
            }
            catch (HttpRequestException ex)
            {
                error = ex.HttpRequestError.ToString();
            }
            catch (JsonException)
            {
                error = "unreadable response";
            }

            if (started < measureFrom)
                continue;
            if (error is null)
                result.Samples.Add(sample);
            else
                result.Errors[error] = result.Errors.GetValueOrDefault(error) + 1;
        }
    }

    private static HttpRequestMessage Search(Query query) =>
        new(HttpMethod.Get, $"api/kb/search?q={Uri.EscapeDataString(query.Text)}&locale={query.Locale}");

    private static HttpRequestMessage Question(Query query, ArrayBufferWriter<byte> body, Utf8JsonWriter json)
    {
        body.ResetWrittenCount();
        json.Reset(body);
        json.WriteStartObject();
        json.WriteString("question"u8, query.Text);
        json.WriteString("locale"u8, query.Locale);
        json.WriteEndObject();
        json.Flush();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/kb/answers") { Content = new ByteArrayContent(body.WrittenSpan.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    // The results (search "items" or answer "articles": the objects one level down), and an answer's confidence and handoff.
    private static QuerySample Read(ReadOnlySpan<byte> body, QueryKind kind, double ms)
    {
        var reader = new Utf8JsonReader(body);
        int results = 0;
        double confidence = 0;
        var handoff = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
                results++;
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("confidence"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                    confidence = reader.GetDouble();
                else if (reader.ValueTextEquals("handoff"u8) && reader.Read())
                    handoff = reader.TokenType == JsonTokenType.True;
            }
        }
        return new QuerySample(kind, ms, results, confidence, handoff);
    }
}
