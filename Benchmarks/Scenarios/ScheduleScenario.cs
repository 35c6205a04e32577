using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Pods bound per second: 1,000 simulated nodes, then 10,000 pods created as fast as the API takes them, timed from
/// the first create until the scheduler has bound the last. The reference is the rate of no-op grain calls.
/// </summary>
internal sealed class ScheduleScenario(int nodes = 1000, int pods = 10_000, int concurrency = 256) : IScenario
{
    public async Task<BenchmarkResult> RunAsync()
    {
        await using var cluster = await BenchmarkCluster.StartAsync();
        var grains = cluster.Grains;
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);
        await grains.GetGrain<INamespaceGrain>("bench").CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "bench" } });
        var boundBefore = (await scheduler.GetStatisticsAsync()).Bound;

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await grains.GetObjectGrain<Pod>("bench", $"pod-{i:D6}").CreateAsync(Pod($"pod-{i:D6}")));
        var created = watch.Elapsed;
        await SimulatedNodes.WaitAsync(async () => (await scheduler.GetStatisticsAsync()).Bound - boundBefore >= pods, TimeSpan.FromMinutes(5));
        var bound = watch.Elapsed;

        var reference = await Reference.NoOpCallsPerSecondAsync(grains, pods * 3, 1000, concurrency);
        var decisions = DecisionsPerSecond();
        return new BenchmarkResult(
            "schedule", pods / bound.TotalSeconds, "pods/s", reference, "calls/s", ">= 5000 pods/s",
            new Dictionary<string, object>
            {
                ["nodes"] = nodes,
                ["pods"] = pods,
                ["created_s"] = Math.Round(created.TotalSeconds, 2),
                ["bound_s"] = Math.Round(bound.TotalSeconds, 2),
                ["decisions_per_s"] = Math.Round(decisions),
            });
    }

    /// <summary>The scheduling algorithm alone, no grains: filter and score all pods over the same nodes, each pick counted at once.</summary>
    private double DecisionsPerSecond()
    {
        var infos = Enumerable.Range(0, nodes).Select(i => NodeInfo.From(SimulatedNodes.Manifest(SimulatedNodes.Name(i)) with
        {
            Status = SimulatedNodes.Manifest(SimulatedNodes.Name(i)).Status! with
            {
                Conditions = [new NodeCondition { Type = WellKnown.NodeReady, Status = WellKnown.ConditionTrue }],
            },
        })).ToList();
        var algorithm = new SchedulingAlgorithm(new SchedulerOptions());
        var candidates = Enumerable.Range(0, pods).Select(i => SchedulingPod.From(Pod($"pod-{i:D6}") with
        {
            Metadata = new ObjectMeta { Name = $"pod-{i:D6}", Namespace = "bench", Uid = $"{i}" },
        })).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var pod in candidates)
        {
            algorithm.Schedule(pod, infos).Node?.Add(pod);
        }

        return pods / watch.Elapsed.TotalSeconds;
    }

    private static Pod Pod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "bench" },
        Spec = SimulatedNodes.SmallPodSpec(),
    };
}
