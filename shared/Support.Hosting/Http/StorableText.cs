namespace Support.Hosting.Http;

/// <summary>
/// Text both databases store faithfully: PostgreSQL refuses NUL in text (SQLite would keep it), and an unpaired UTF-16
/// surrogate has no UTF-8 form, so neither can store it. Request text is checked against this before it is used.
/// </summary>
public static class StorableText
{
    public const string Problem = "contains a character that cannot be stored (NUL or an unpaired surrogate).";

    public static bool IsStorable(ReadOnlySpan<char> text) => IndexOfUnstorable(text) < 0;

    /// <summary>Where the first character that cannot be stored is, or -1.</summary>
    public static int IndexOfUnstorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
                return i;
            if (char.IsHighSurrogate(c) && (++i == text.Length || !char.IsLowSurrogate(text[i])))
                return i - 1;
        }
        return -1;
    }

    /// <summary>
    /// Text from outside that is taken, not refused (an email): what cannot be stored is dropped, and it is cut to at
    /// most <paramref name="maxBytes"/> of UTF-8 without splitting a character.
    /// </summary>
    public static string Fit(string text, int maxBytes)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (c == '\0' || (char.IsSurrogate(c) && !pair))
                continue;
            var size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
                break;
            bytes += size;
            kept.Append(c);
            if (pair)
                kept.Append(text[++i]);
        }
        return kept.ToString();
    }

    /// <summary>A field path fit to name in an error: one whose last name holds unstorable text ("skills.\0") is cut to its parent ("skills").</summary>
    public static string FieldPath(string path)
    {
        var bad = IndexOfUnstorable(path);
        if (bad < 0)
            return path;
        var parent = path.LastIndexOfAny(['.', '['], bad);
        return parent > 0 ? path[..parent] : "body";
    }
}
