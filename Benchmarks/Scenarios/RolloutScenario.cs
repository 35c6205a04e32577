using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Seconds from applying a 10,000-replica deployment on 1,000 simulated nodes until all its pods run
/// (the deployment reports 10,000 available). The reference is the rate of no-op grain calls.
/// </summary>
internal sealed class RolloutScenario(int nodes = 1000, int replicas = 10_000, int concurrency = 256) : IScenario
{
    public async Task<BenchmarkResult> RunAsync()
    {
        await using var cluster = await BenchmarkCluster.StartAsync();
        var grains = cluster.Grains;
        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);
        await grains.GetGrain<INamespaceGrain>("bench").CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "bench" } });
        var deployment = grains.GetObjectGrain<Deployment>("bench", "big");

        var watch = Stopwatch.StartNew();
        await deployment.CreateAsync(SimulatedNodes.SmallDeployment("bench", "big", replicas));
        await SimulatedNodes.WaitAsync(async () => (await deployment.GetAsync())?.Status?.AvailableReplicas >= replicas, TimeSpan.FromMinutes(5));
        var elapsed = watch.Elapsed;

        var reference = await Reference.NoOpCallsPerSecondAsync(grains, replicas * 3, 1000, concurrency);
        return new BenchmarkResult(
            "rollout", elapsed.TotalSeconds, "s", reference, "calls/s", "<= 5 s",
            new Dictionary<string, object> { ["nodes"] = nodes, ["replicas"] = replicas });
    }
}
