namespace Support.Benchmarks.Routing;

/// <summary>Nearest-rank percentiles of a set of milliseconds.</summary>
public sealed class Percentiles
{
    private readonly List<double> sorted;

    public Percentiles(IEnumerable<double> values)
    {
        sorted = values.ToList();
        sorted.Sort();
    }

    public int Count => sorted.Count;

    /// <summary>p = 1 is the maximum.</summary>
    public double At(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>"p50 / p90 / p99 / max" in ms.</summary>
    public string Summary => sorted.Count == 0 ? "-" : $"{At(0.50):0.0} / {At(0.90):0.0} / {At(0.99):0.0} / {At(1):0.0}";
}
