using System.Net;
using Support.Analytics.Tests.Infrastructure;
using Support.Hosting.Idempotency;

namespace Support.Analytics.Tests.Idempotency;

/// <summary>Analytics has one POST, the read models' rebuild (not a create): with a key, a repeat gets the first answer and runs nothing.</summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private AnalyticsApp app = null!;

    public async Task InitializeAsync() => app = await AnalyticsApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> RebuildAsync(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/analytics/rebuild");
        if (key is not null)
            request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return app.Client("admin").SendAsync(request);
    }

    [Fact]
    public async Task A_repeated_rebuild_with_the_same_key_replays_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();

        var first = await RebuildAsync(key);
        var repeat = await RebuildAsync(key);
        var withoutKey = await RebuildAsync(null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(first.Content.Headers.ContentType, repeat.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.True(repeat.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(HttpStatusCode.OK, withoutKey.StatusCode);
        Assert.False(withoutKey.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(1, await app.CountAsync("idempotency_keys"));
    }
}
