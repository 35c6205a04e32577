namespace OrleansKube.Benchmarks.Harness;

/// <summary>A grain that does nothing: the reference for what a grain call costs on the same cluster.</summary>
[Alias("okube.bench.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}

internal static class Reference
{
    /// <summary>No-op grain calls per second over <paramref name="grains"/> distinct grains, <paramref name="concurrency"/> in flight.</summary>
    public static async Task<double> NoOpCallsPerSecondAsync(IGrainFactory factory, int calls, int grains, int concurrency)
    {
        for (var i = 0; i < grains; i++)
        {
            await factory.GetGrain<IPingGrain>($"ping-{i}").PingAsync();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await factory.GetGrain<IPingGrain>($"ping-{i % grains}").PingAsync());
        return calls / watch.Elapsed.TotalSeconds;
    }
}
