using Microsoft.AspNetCore.WebUtilities;

namespace Support.Hosting.Http;

/// <summary>
/// Opaque keyset cursors over an increasing id: a page is "the next {limit} rows past this id", so rows created
/// while a client pages neither repeat nor push others off a page.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static string Encode(long lastId) => WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"v1:{lastId}"));

    public static long? Decode(string? cursor, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(cursor))
            return null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            if (text.StartsWith("v1:") && long.TryParse(text[3..], out var id))
                return id;
        }
        catch (FormatException)
        {
        }
        errors.Add("cursor", "'cursor' is not a cursor this API returned.");
        return null;
    }

    public static int Limit(int? limit, ValidationErrors errors)
    {
        if (limit is null)
            return DefaultLimit;
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"'limit' must be between 1 and {MaxLimit}.");
        return Math.Clamp(limit.Value, 1, MaxLimit);
    }
}

/// <summary>A page of results: the items and, when there may be more, the cursor of the next page.</summary>
public record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
