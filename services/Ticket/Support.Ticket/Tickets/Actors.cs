using Support.Contracts;
using Support.Hosting.Http;

namespace Support.Ticket.Tickets;

/// <summary>
/// Who is making a request, from the X-Actor header ("agent:17", "customer:42", "system"); "api" when absent.
/// The gateway's authentication will set it; until then clients send it.
/// </summary>
public static class Actors
{
    public const string HeaderName = "X-Actor";
    private static readonly string[] Types = ["agent", "customer", "system", "api"];

    /// <summary>The Routing service, applying its decisions and predictions.</summary>
    public static readonly Actor Routing = new("system", "routing");

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
