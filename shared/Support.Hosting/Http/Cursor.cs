using System.Globalization;
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

    /// <summary>A cursor past a row of a list sorted by a time, then id; <paramref name="at"/> null for the rows without a time.</summary>
    public static string Encode(DateTimeOffset? at, long lastId) =>
        WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"t1:{at?.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{lastId}"));

    /// <summary>The (time, id) of a cursor from <see cref="Encode(DateTimeOffset?, long)"/>; null when there is none or it is not one.</summary>
    public static (DateTimeOffset? At, long Id)? DecodeTimed(string? cursor, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(cursor))
            return null;
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split(':');
            if (parts is ["t1", var ticks, var idText] && long.TryParse(idText, CultureInfo.InvariantCulture, out var id))
            {
                if (ticks.Length == 0)
                    return (null, id);
                if (long.TryParse(ticks, CultureInfo.InvariantCulture, out var utcTicks) && utcTicks >= DateTimeOffset.MinValue.UtcTicks && utcTicks <= DateTimeOffset.MaxValue.UtcTicks)
                    return (new DateTimeOffset(utcTicks, TimeSpan.Zero), id);
            }
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

/// <summary>What a list request asks for: up to <see cref="Take"/> rows past the id in its cursor.</summary>
public readonly record struct PageRequest(long? After, int Take)
{
    public static PageRequest Read(int? limit, string? cursor, ValidationErrors errors) =>
        new(Cursor.Decode(cursor, errors), Cursor.Limit(limit, errors));
}

/// <summary>A page of results: the items and, when there may be more, the cursor of the next page.</summary>
public record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Page
{
    /// <summary>A page from rows read with Take(request.Take + 1): the extra row only tells that there is more.</summary>
    public static Page<TResult> From<TRow, TResult>(List<TRow> rows, PageRequest request, Func<TRow, long> id, Func<TRow, TResult> map) =>
        new(rows.Take(request.Take).Select(map).ToList(), rows.Count > request.Take ? Cursor.Encode(id(rows[request.Take - 1])) : null);
}
