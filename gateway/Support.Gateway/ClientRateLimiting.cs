using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Support.Gateway;

public sealed class ClientRateLimitOptions
{
    public int PermitLimit { get; set; } = 2000;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>A fixed window of requests per client IP address on proxied routes; a request over it gets 429 with problem details.</summary>
public static class ClientRateLimiting
{
    public const string PolicyName = "per-client-ip";

    public static IHostApplicationBuilder AddClientRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientRateLimitOptions>().BindConfiguration("RateLimiting");
        builder.Services.AddRateLimiter(options =>
        {
            // The status code pages middleware turns the empty 429 into problem details.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<ClientRateLimitOptions>>().CurrentValue;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window });
            });
        });
        return builder;
    }
}
