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
