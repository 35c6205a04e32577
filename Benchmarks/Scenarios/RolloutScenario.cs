using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Seconds from applying a 10,000-replica deployment on 1,000 simulated nodes until all its pods run (the deployment
/// reports 10,000 available). The same deployment is first rolled out untimed in a namespace of its own on the same
/// cluster, and the JIT is let finish, so what is measured is a silo that has been running. The reference is the rate
/// of no-op grain calls.
/// </summary>
internal sealed class RolloutScenario(int nodes = 1000, int replicas = 10_000, int concurrency = 256) : IScenario
{
    public async Task<BenchmarkResult> RunAsync()
    {
        await using var cluster = await BenchmarkCluster.StartAsync();
        var grains = cluster.Grains;
        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);

        await RollOutAsync(grains, "warm-up");
        await JitCompiler.SettleAsync();

        var used = ResourceWindow.Start();
        var elapsed = await RollOutAsync(grains, "bench");
        var use = used.Stop();

        var reference = await Reference.NoOpCallsPerSecondAsync(grains, replicas * 3, 1000, concurrency);
        return new BenchmarkResult(
            "rollout", elapsed.TotalSeconds, "s", reference, "calls/s", "<= 5 s",
            new Dictionary<string, object>(use.PerPod(replicas))
            {
                ["nodes"] = nodes,
                ["replicas"] = replicas,
            });
    }

    /// <summary>Creates the deployment in a new namespace and waits until it reports every replica available.</summary>
    private async Task<TimeSpan> RollOutAsync(IGrainFactory grains, string @namespace)
    {
        await SimulatedNodes.CreateNamespaceAsync(grains, @namespace);
        var deployment = grains.GetObjectGrain<Deployment>(@namespace, "big");

        var watch = Stopwatch.StartNew();
        await deployment.CreateAsync(SimulatedNodes.SmallDeployment(@namespace, "big", replicas));
        await SimulatedNodes.WaitAsync(async () => (await deployment.GetAsync())?.Status?.AvailableReplicas >= replicas, TimeSpan.FromMinutes(5));
        return watch.Elapsed;
    }
}
