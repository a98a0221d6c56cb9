namespace Support.Hosting.Http;

/// <summary>The correlation id of the request or message being handled, carried into logs and published events.</summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private static readonly AsyncLocal<string?> current = new();

    public static string? Current
    {
        get => current.Value;
        set => current.Value = value;
    }
}

public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var id = IsUsable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        CorrelationId.Current = id;
        context.Response.Headers[CorrelationId.HeaderName] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    private static bool IsUsable(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
