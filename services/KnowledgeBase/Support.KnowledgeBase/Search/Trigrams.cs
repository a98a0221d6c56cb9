namespace Support.KnowledgeBase.Search;

/// <summary>
/// pg_trgm's similarity (shared trigrams ÷ all trigrams of both words, each padded with two spaces before and one
/// after), for SQLite, which has no such function; PostgreSQL uses pg_trgm itself.
/// </summary>
public static class Trigrams
{
    public static double Similarity(string a, string b)
    {
        var left = Of(a);
        var right = Of(b);
        var shared = left.Count(right.Contains);
        var total = left.Count + right.Count - shared;
        return total == 0 ? 0 : (double)shared / total;
    }

    private static HashSet<string> Of(string word)
    {
        var padded = "  " + word.ToLowerInvariant() + " ";
        var set = new HashSet<string>();
        for (var i = 0; i + 3 <= padded.Length; i++)
            set.Add(padded.Substring(i, 3));
        return set;
    }
}
