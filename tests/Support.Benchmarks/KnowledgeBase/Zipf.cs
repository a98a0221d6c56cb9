namespace Support.Benchmarks.KnowledgeBase;

/// <summary>
/// Draws ranks 0..n-1 with Zipf–Mandelbrot probabilities, rank r weighing 1 / (r + 1 + shift)^exponent: the first
/// words of a list are drawn far more often than the last, as in real text (exponent about 1).
/// </summary>
public sealed class Zipf
{
    private readonly double[] cumulative;

    public Zipf(int count, double exponent = 1.0, double shift = 2.7)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count));
        cumulative = new double[count];
        var sum = 0.0;
        for (var r = 0; r < count; r++)
        {
            sum += 1 / Math.Pow(r + 1 + shift, exponent);
            cumulative[r] = sum;
        }
    }

    public int Count => cumulative.Length;

    public int Next(Random random)
    {
        var u = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, u);
        return Math.Min(i >= 0 ? i : ~i, cumulative.Length - 1);
    }
}

/// <summary>Words in rank order (most frequent first), drawn with Zipf probabilities.</summary>
public sealed class WordList
{
    private readonly Zipf zipf;

    public WordList(IEnumerable<string> words, double exponent = 1.0)
    {
        Words = words.Distinct().ToArray();
        zipf = new Zipf(Words.Length, exponent);
    }

    /// <summary>Space-separated words, most frequent first.</summary>
    public static WordList Of(string spaceSeparated, double exponent = 1.0) =>
        new(spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), exponent);

    public string[] Words { get; }

    public string Next(Random random) => Words[zipf.Next(random)];
}
