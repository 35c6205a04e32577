namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// What this process used over a measured window: CPU time (all threads), and what the garbage collector did (time
/// paused, collections per generation, bytes allocated). CPU time is steadier than a rate on a shared machine.
/// </summary>
internal sealed class ResourceWindow
{
    private readonly TimeSpan _cpu = Environment.CpuUsage.TotalTime;
    private readonly TimeSpan _jit = System.Runtime.JitInfo.GetCompilationTime();
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly int[] _collections = Collections();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();

    public static ResourceWindow Start() => new();

    public ResourceUse Stop()
    {
        var collections = Collections();
        return new ResourceUse(
            Environment.CpuUsage.TotalTime - _cpu,
            System.Runtime.JitInfo.GetCompilationTime() - _jit,
            GC.GetTotalPauseDuration() - _pause,
            string.Join("/", collections.Select((count, generation) => count - _collections[generation])),
            (GC.GetTotalAllocatedBytes() - _allocated) / (1024 * 1024));
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
}

/// <summary>Use over a window; <see cref="Collections"/> is gen0/gen1/gen2 counts.</summary>
internal sealed record ResourceUse(TimeSpan Cpu, TimeSpan Jit, TimeSpan Pause, string Collections, long AllocatedMiB)
{
    /// <summary>The JSON fields of a window that placed <paramref name="pods"/> pods: CPU a pod, and the JIT's and the collector's time.</summary>
    public IEnumerable<KeyValuePair<string, object>> PerPod(int pods) =>
    [
        new("cpu_ms_per_pod", Math.Round(Cpu.TotalMilliseconds / pods, 3)),
        new("jit_s", Math.Round(Jit.TotalSeconds, 2)),
        new("gc_pause_s", Math.Round(Pause.TotalSeconds, 2)),
    ];
}

/// <summary>Waits for the JIT compiler to go quiet, as it is in a silo that has been running for a while.</summary>
internal static class JitCompiler
{
    /// <summary>
    /// After a warm-up, tiered compilation goes on recompiling the hot methods in the background for a second or two;
    /// on 2 cores, measuring meanwhile measures the compiler. Returns once no method was compiled for half a second.
    /// </summary>
    public static async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }
}
