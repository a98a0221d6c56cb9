using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Support.Hosting.Security;

namespace Support.Gateway;

/// <summary>Requests per window for each client, by what it is: anonymous (per IP address), a user by role, an integration.</summary>
public sealed class ClientRateLimitOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
    public int Anonymous { get; set; } = 50;
    public int Customer { get; set; } = 100;
    public int Agent { get; set; } = 2000;
    public int Admin { get; set; } = 2000;
    public int Integration { get; set; } = 2000;
}

/// <summary>
/// A fixed window of requests per client on proxied routes, keyed by the token's subject (a user) or client id (an
/// integration), by IP address only for anonymous calls, so one client's flood never limits another. Every answer
/// carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; a request over the limit gets 429 with Retry-After.
/// </summary>
public sealed class ClientRateLimitMiddleware(RequestDelegate next, IOptionsMonitor<ClientRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter = PartitionedRateLimiter.Create<HttpContext, (string Client, int Limit, TimeSpan Window)>(
        context => RateLimitPartition.GetFixedWindowLimiter(Partition(context, options.CurrentValue),
            partition => new FixedWindowRateLimiterOptions { PermitLimit = partition.Limit, Window = partition.Window }));

    public async Task InvokeAsync(HttpContext context)
    {
        var (_, limit, window) = Partition(context, options.CurrentValue);
        using var lease = limiter.AttemptAcquire(context);
        var reset = (int)Math.Ceiling(window.TotalSeconds);
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = (limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : reset;
        headers.RetryAfter = Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"This client may send {limit} requests per {window.TotalSeconds:0.###} s; retry after {headers.RetryAfter}.").ExecuteAsync(context);
    }

    private static (string Client, int Limit, TimeSpan Window) Partition(HttpContext context, ClientRateLimitOptions limits)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
            return ($"ip:{context.Connection.RemoteIpAddress}", limits.Anonymous, limits.Window);
        var subject = user.FindFirstValue(SupportClaims.Subject) ?? user.FindFirstValue(SupportClaims.ClientId) ?? "";
        return user.FindFirstValue(SupportClaims.Role) switch
        {
            SupportRoles.Customer => ($"user:{subject}", limits.Customer, limits.Window),
            SupportRoles.Agent => ($"user:{subject}", limits.Agent, limits.Window),
            SupportRoles.Admin => ($"user:{subject}", limits.Admin, limits.Window),
            _ => ($"client:{user.FindFirstValue(SupportClaims.ClientId) ?? subject}", limits.Integration, limits.Window),
        };
    }

    public void Dispose() => limiter.Dispose();
}
