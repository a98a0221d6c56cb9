using Support.Contracts;

namespace Support.Hosting.Http;

/// <summary>
/// Who is making a request, from the X-Actor header ("agent:17", "customer:42", "system"); "api" when absent.
/// The gateway's authentication will set it; until then clients send it.
/// </summary>
public static class RequestActor
{
    public const string HeaderName = "X-Actor";
    private static readonly string[] Types = ["agent", "customer", "system", "api"];

    public static Actor From(HttpRequest request, ValidationErrors errors)
    {
        var header = request.Headers[HeaderName].ToString().Trim();
        if (header.Length == 0)
            return new Actor("api", null);
        var parts = header.Split(':', 2);
        var type = parts[0].ToLowerInvariant();
        var id = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        if (!Types.Contains(type) || id?.Length > 64)
        {
            errors.Add(HeaderName, $"'{HeaderName}' must be 'type' or 'type:id' with type one of {string.Join(", ", Types)}.");
            return new Actor("api", null);
        }
        return new Actor(type, id);
    }
}
