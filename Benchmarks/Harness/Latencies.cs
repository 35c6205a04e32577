using System.Diagnostics;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>Timing of calls one after another, and percentiles of what was timed.</summary>
internal static class Latencies
{
    /// <summary>Milliseconds of each of <paramref name="count"/> calls made one after another, sorted.</summary>
    public static async Task<List<double>> TimeEachAsync(int count, Func<int, Task> call)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    /// <summary>The nearest-rank percentile of sorted values; <paramref name="share"/> 0.99 for p99.</summary>
    public static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
