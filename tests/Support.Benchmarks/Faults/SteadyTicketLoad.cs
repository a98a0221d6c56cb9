using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Support.Benchmarks.Faults;

/// <summary>
/// Creates tickets through the gateway at a steady rate, whatever the answers: each create carries an
/// Idempotency-Key and is retried with the same key and body after an error a client may retry (502, 503, 504, 429,
/// a refused or broken connection, a timeout), after an exponential backoff with full jitter (up to 10 s, or the
/// answer's Retry-After), as a well-behaved client does, until it is accepted or two minutes have passed.
/// </summary>
public sealed class SteadyTicketLoad(HttpClient http, double rate, string runId)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly string[] Subjects =
    [
        "Cannot log in to my account", "Refund for order", "Invoice shows the wrong VAT number", "App crashes on start",
        "How do I export my data?", "Password reset email never arrives", "Charged twice this month",
    ];

    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly ConcurrentBag<int> accepted = [];
    private readonly List<Task> creates = [];
    private long requests, keys, gaveUp, retried, failed;

    public long Requests => Interlocked.Read(ref requests);
    public long Keys => Interlocked.Read(ref keys);
    public long GaveUp => Interlocked.Read(ref gaveUp);
    public long Failed => Interlocked.Read(ref failed);
    /// <summary>Creates that needed more than one request.</summary>
    public long Retried => Interlocked.Read(ref retried);
    public IReadOnlyCollection<int> Accepted => accepted;
    public IReadOnlyDictionary<string, int> Errors => errors;

    /// <summary>Errors of each kind so far (a snapshot, to tell what one fault caused).</summary>
    public Dictionary<string, int> ErrorSnapshot() => new(errors);

    /// <summary>Starts a create every 1/rate seconds until stopped; then waits for those still retrying.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1 / rate);
        var started = Stopwatch.GetTimestamp();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = interval * n - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
                await Task.Delay(due, CancellationToken.None);
            lock (creates)
                creates.Add(CreateAsync(n));
        }
        Task[] pending;
        lock (creates)
            pending = [.. creates];
        await Task.WhenAll(pending);
    }

    private async Task CreateAsync(long n)
    {
        var key = $"{runId}-{n}";
        Interlocked.Increment(ref keys);
        var body = new
        {
            subject = Subjects[n % Subjects.Length],
            description = $"Fault run {runId}, create {key}. Since this morning I get an error when I try to sign in.",
            requester = new { email = $"customer{n % 200}@example.com", name = $"Customer {n % 200}" },
            priority = "normal",
            tags = new[] { "fault-run" },
        };
        var giveUpAt = Stopwatch.GetTimestamp() + (long)(GiveUpAfter.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 0; ; attempt++)
        {
            if (attempt == 1)
                Interlocked.Increment(ref retried);
            Interlocked.Increment(ref requests);
            string kind;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                    accepted.Add(json.RootElement.GetProperty("id").GetInt32());
                    return;
                }
                kind = ((int)response.StatusCode).ToString();
                retryAfter = response.Headers.RetryAfter?.Delta;
                // The first attempt with this key still runs (its client timed out): the API says to retry after it ends.
                if (response.StatusCode == HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync()).Contains("still in progress", StringComparison.Ordinal))
                    kind = InProgress;
                else if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                    or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
                {
                    Count(kind);
                    Interlocked.Increment(ref failed);
                    return;
                }
            }
            catch (TaskCanceledException)
            {
                kind = "timeout";
            }
            catch (JsonException)
            {
                kind = "201 without its body"; // counted and retried with the same key, which replays the stored answer
            }
            catch (HttpRequestException ex)
            {
                kind = ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused"
                    : ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.Unknown ? "connection broken" // the gateway killed mid-request
                    : ex.HttpRequestError.ToString();
            }
            Count(kind);
            if (Stopwatch.GetTimestamp() > giveUpAt)
            {
                Interlocked.Increment(ref gaveUp);
                return;
            }
            // Full jitter spreads the retries of the clients an outage held back, so a restarted service is not hit by all at once.
            var backoff = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, attempt)));
            await Task.Delay(retryAfter is { } after && after <= MaxBackoff && after > backoff ? after : backoff);
        }
    }

    /// <summary>A repeat of a create whose first attempt is still running (409 naming Idempotency-Key): retried.</summary>
    public const string InProgress = "409 in progress";

    private void Count(string kind) => errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
}
