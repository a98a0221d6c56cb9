using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Support.Benchmarks;

/// <summary>What one client loop saw in the measured window.</summary>
public sealed class ClientResult
{
    public List<double> LatenciesMs { get; } = new(16_384);
    public List<int> TicketIds { get; } = new(16_384);
    public Dictionary<string, int> Errors { get; } = [];
}

/// <summary>
/// Client loops that each create tickets one after another through the gateway: a warm-up first (not counted),
/// then the measured window. A request counts in the window it started in.
/// </summary>
public sealed class TicketLoad(HttpClient http, int clients)
{
    private const int KnownRequesters = 2_000;
    private const double NewRequesterShare = 0.05;

    /// <summary>The ticket texts every load in this project draws from.</summary>
    internal static readonly string[] Subjects =
    [
        "Cannot log in to my account", "Refund for order", "Invoice shows the wrong VAT number", "App crashes on start",
        "How do I export my data?", "Password reset email never arrives", "Charged twice this month",
        "Feature request: dark mode", "Shipping address change", "API returns 500 on /orders",
    ];

    internal static readonly string[] Descriptions =
    [
        "Hi, since this morning I get an error when I try to sign in. I already cleared my cookies. Can you help?",
        "I ordered last week and would like to return the items. The package is unopened. What are the next steps?",
        "Our accounting department noticed that the latest invoice has an outdated VAT number. Please send a corrected one.",
        "After the latest update the app closes right after the splash screen. Phone model and logs attached.",
        "We need a CSV export of all our records for an audit. Is there a way to do this from the dashboard?",
    ];

    private static readonly string[] Priorities = ["low", "normal", "normal", "normal", "normal", "high", "high", "urgent"];
    private static readonly string[] TagPool = ["billing", "login", "mobile", "refund", "bug", "vip", "shipping", "api"];

    private static long newRequesters;
    private readonly string runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    public async Task<(ClientResult[] Clients, TimeSpan Measured)> RunAsync(TimeSpan warmup, TimeSpan duration)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientLoopAsync(i, measureFrom, measureTo))));
        // Until the last request started in the window has finished.
        return (results, Stopwatch.GetElapsedTime(measureFrom));
    }

    private async Task<ClientResult> ClientLoopAsync(int client, long measureFrom, long measureTo)
    {
        var result = new ClientResult();
        var random = new Random(client);
        var body = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(body);
        var responseBuffer = new byte[4096];

        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= measureTo)
                return result;
            var measured = started >= measureFrom;

            body.ResetWrittenCount();
            json.Reset(body);
            WriteTicket(json, random);

            string? error = null;
            var ticketId = 0;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets");
                request.Content = new ReadOnlyMemoryContent(body.WrittenMemory);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                (responseBuffer, var length) = await ReadBodyAsync(response, responseBuffer);
                if (response.StatusCode != HttpStatusCode.Created)
                    error = ((int)response.StatusCode).ToString();
                else if (ReadId(responseBuffer.AsSpan(0, length)) is { } id)
                    ticketId = id;
                else
                    error = "201 without an id";
            }
            catch (TaskCanceledException)
            {
                error = "timeout";
            }
            catch (HttpRequestException ex)
            {
                error = ex.HttpRequestError.ToString();
            }

            if (!measured)
                continue;
            result.LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (error is null)
                result.TicketIds.Add(ticketId);
            else
                result.Errors[error] = result.Errors.GetValueOrDefault(error) + 1;
        }
    }

    /// <summary>A ticket as clients send it: one of a few subjects, mostly known requesters, a priority, some tags.</summary>
    public void WriteTicket(Utf8JsonWriter json, Random random)
    {
        var subject = Subjects[random.Next(Subjects.Length)];
        json.WriteStartObject();
        json.WriteString("subject"u8, subject);
        json.WriteString("description"u8, Descriptions[random.Next(Descriptions.Length)]);
        json.WriteStartObject("requester"u8);
        if (random.NextDouble() < NewRequesterShare)
        {
            var n = Interlocked.Increment(ref newRequesters);
            json.WriteString("email"u8, $"new-{runId}-{n}@example.org");
            json.WriteString("name"u8, $"New Customer {n}");
        }
        else
        {
            var n = random.Next(KnownRequesters);
            json.WriteString("email"u8, $"customer{n}@example.com");
            json.WriteString("name"u8, $"Customer {n}");
        }
        json.WriteEndObject();
        json.WriteString("priority"u8, Priorities[random.Next(Priorities.Length)]);
        json.WriteStartArray("tags"u8);
        for (int i = 0, count = random.Next(3); i < count; i++)
            json.WriteStringValue(TagPool[random.Next(TagPool.Length)]);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    // Reads the body into buffer, growing it when needed; returns the buffer and the body's length.
    public static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, byte[] buffer)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
                return (buffer, length);
            length += read;
        }
    }

    // The top-level "id" of the ticket JSON.
    public static int? ReadId(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
                    return reader.Read() && reader.TryGetInt32(out var id) ? id : null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
