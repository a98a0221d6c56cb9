using System.Diagnostics;

namespace Support.Benchmarks;

/// <summary>
/// Open-loop pacing: the i-th call of <c>start</c> is made i / perSecond after the first, whatever the earlier ones are
/// still doing, so a slow system meets the same arrivals instead of slowing its clients down.
/// </summary>
public static class OpenLoop
{
    /// <returns>The most the calls fell behind their schedule, in milliseconds: the client's own lag.</returns>
    public static async Task<double> PaceAsync(int count, double perSecond, Action<int> start)
    {
        var interval = Stopwatch.Frequency / perSecond;
        var maxLag = 0L;
        var begin = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = begin + (long)(i * interval);
            var early = due - Stopwatch.GetTimestamp();
            if (early > 0)
                await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency));
            maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due);
            start(i);
        }
        return maxLag * 1000.0 / Stopwatch.Frequency;
    }
}
