using Microsoft.Net.Http.Headers;

namespace Support.Hosting.Http;

/// <summary>Strong ETags from a row's version number, and the If-Match check for optimistic concurrency.</summary>
public static class ETag
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>False when the request carries If-Match and none of its tags is the current version.</summary>
    public static bool Matches(HttpRequest request, long version)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
            return true;
        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags))
            return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Value == For(version)));
    }

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = For(version);
}
