using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// The cluster at Kubernetes' scale in one silo: 5,000 simulated nodes, then 100,000 pods as 10 deployments of 10,000
/// replicas, each in a namespace of its own (so the controllers and the scheduler carry them, and no single namespace
/// holds them all), timed until every deployment reports all its replicas available. The headline is the process's
/// peak memory (its peak resident set since the scenario started, silo and simulated nodes together, as they share the
/// process); the reference is the resident set of the same cluster with its nodes and no pods. A run that does not
/// converge within the deadline is reported with <c>converged</c> false rather than failing.
/// </summary>
internal sealed class ScaleScenario(int nodes = 5000, int pods = 100_000, int deployments = 10, int concurrency = 256) : IScenario
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    public async Task<BenchmarkResult> RunAsync()
    {
        // Scenarios run before this one in the same process (all) must count in neither the baseline nor the peak.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var peakScope = ResetPeak() ? "scenario" : "process";
        await using var cluster = await BenchmarkCluster.StartAsync();
        var grains = cluster.Grains;
        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);
        var baseline = ResidentMebibytes();

        var apps = new List<(IObjectGrain<Deployment> Grain, int Replicas)>();
        for (var d = 0; d < deployments; d++)
        {
            var ns = $"scale-{d}";
            await SimulatedNodes.CreateNamespaceAsync(grains, ns);
            apps.Add((grains.GetObjectGrain<Deployment>(ns, "app"), pods / deployments + (d < pods % deployments ? 1 : 0)));
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(apps.Select((deployment, d) => deployment.Grain.CreateAsync(SimulatedNodes.SmallDeployment($"scale-{d}", "app", deployment.Replicas))));
        var lastProgress = TimeSpan.Zero;
        var converged = await SimulatedNodes.UntilAsync(async () =>
        {
            var available = (await Task.WhenAll(apps.Select(async d => (await d.Grain.GetAsync())?.Status?.AvailableReplicas ?? 0))).Sum();
            if (watch.Elapsed - lastProgress >= ProgressEvery)
            {
                lastProgress = watch.Elapsed;
                Console.Error.WriteLine($"  {watch.Elapsed.TotalSeconds:0} s: {available} of {pods} pods available, {ResidentMebibytes():0} MiB resident");
            }

            return available >= pods;
        }, Deadline, TimeSpan.FromSeconds(1));
        var elapsed = watch.Elapsed;
        var managed = GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024);

        // What the deployments report, checked against the pods themselves.
        var running = 0;
        for (var d = 0; d < deployments; d++)
        {
            var listed = await grains.GetScope(Resources.Pods, $"scale-{d}").ListAsync(Pod.KindName, null);
            running += listed.Items.Count(p => ((Pod)p).Status?.Phase == PodPhase.Running);
        }

        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64 / (1024.0 * 1024);
        return new BenchmarkResult(
            "scale", peak, "MiB", baseline, "MiB nodes only", "converges; <= 4 GiB",
            new Dictionary<string, object>
            {
                ["converged"] = converged,
                ["converged_s"] = Math.Round(elapsed.TotalSeconds, 1),
                ["running"] = running,
                ["peak_memory_mib"] = Math.Round(peak),
                ["managed_heap_mib"] = Math.Round(managed),
                ["peak_scope"] = peakScope,
                ["nodes"] = nodes,
                ["pods"] = pods,
                ["deployments"] = deployments,
            });
    }

    // Linux keeps the peak resident set (VmHWM, what PeakWorkingSet64 reads) for the life of the process; writing 5 to
    // clear_refs starts it again from the current resident set.
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double ResidentMebibytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024);
    }
}
