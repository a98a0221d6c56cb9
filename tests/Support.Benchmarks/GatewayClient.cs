using System.Net;

namespace Support.Benchmarks;

public static class GatewayClient
{
    /// <summary>An HTTP client for the gateway that keeps its connections, and why it cannot be used (null: it is ready).</summary>
    public static async Task<(HttpClient Http, string? Problem)> ConnectAsync(Uri gateway, int maxConnections)
    {
        var http = new HttpClient(GatewayToken.Around(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        }, gateway))
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
        try
        {
            using var ready = await http.GetAsync("health/ready");
            return (http, ready.IsSuccessStatusCode ? null : $"the gateway at {gateway} is not ready: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException ex)
        {
            return (http, $"the gateway at {gateway} does not answer: {ex.Message}");
        }
    }
}
