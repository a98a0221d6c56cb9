namespace Support.Hosting.Http;

/// <summary>
/// Text both databases store faithfully: PostgreSQL refuses NUL in text (SQLite would keep it), and an unpaired UTF-16
/// surrogate has no UTF-8 form, so neither can store it. Request text is checked against this before it is used.
/// </summary>
public static class StorableText
{
    public const string Problem = "contains a character that cannot be stored (NUL or an unpaired surrogate).";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
                return false;
            if (char.IsHighSurrogate(c) && (++i == text.Length || !char.IsLowSurrogate(text[i])))
                return false;
        }
        return true;
    }
}
