using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Support.Benchmarks.Routing;

/// <summary>What a paced run sent: the tickets created, each request's latency, errors, and how late the pacing got.</summary>
public sealed record PacedResult(List<int> TicketIds, List<double> LatenciesMs, Dictionary<string, int> Errors, int Sent, TimeSpan Elapsed, double MaxLagMs);

/// <summary>
/// Open-loop load: request i starts at start + i / rate whether or not the earlier ones have finished, so a slow
/// system meets the same arrivals rather than a politely slowing client.
/// </summary>
public sealed class PacedTicketLoad(HttpClient http, TicketLoad tickets)
{
    public async Task<PacedResult> RunAsync(double perSecond, TimeSpan duration, int seed)
    {
        var count = (int)Math.Round(perSecond * duration.TotalSeconds);
        var random = new Random(seed);
        var requests = new List<Task<(int? Id, double Ms, string? Error)>>(count);
        var body = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(body);

        var start = Stopwatch.GetTimestamp();
        var maxLagMs = await OpenLoop.PaceAsync(count, perSecond, _ =>
        {
            body.ResetWrittenCount();
            json.Reset(body);
            tickets.WriteTicket(json, random);
            requests.Add(CreateAsync(body.WrittenSpan.ToArray()));
        });
        var results = await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var errors = results.Where(r => r.Error is not null).GroupBy(r => r.Error!).ToDictionary(g => g.Key, g => g.Count());
        return new PacedResult(
            results.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToList(),
            results.Select(r => r.Ms).ToList(),
            errors, count, elapsed, maxLagMs);
    }

    private async Task<(int? Id, double Ms, string? Error)> CreateAsync(byte[] ticket)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets");
            request.Content = new ByteArrayContent(ticket);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var (buffer, length) = await TicketLoad.ReadBodyAsync(response, new byte[2048]);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created)
                return (null, ms, ((int)response.StatusCode).ToString());
            return TicketLoad.ReadId(buffer.AsSpan(0, length)) is { } id ? (id, ms, null) : (null, ms, "201 without an id");
        }
        catch (TaskCanceledException)
        {
            return (null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return (null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.HttpRequestError.ToString());
        }
    }
}
