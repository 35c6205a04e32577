using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Pods bound per second: 1,000 simulated nodes, then 10,000 pods created as fast as the API takes them, timed from
/// the first create until the scheduler has bound the last. As Kubernetes' scheduler_perf places its initial pods
/// before the measured ones, the same number of pods is first placed untimed in a namespace of their own, on the same
/// cluster, and the JIT is let finish; what is measured is a silo that has been placing pods. The reference is the rate
/// of no-op grain calls.
/// </summary>
internal sealed class ScheduleScenario(int nodes = 1000, int pods = 10_000, int concurrency = 256) : IScenario
{
    public async Task<BenchmarkResult> RunAsync()
    {
        await using var cluster = await BenchmarkCluster.StartAsync();
        var grains = cluster.Grains;
        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);

        await PlaceAsync(grains, "warm-up");
        await JitCompiler.SettleAsync();

        var used = ResourceWindow.Start();
        var (created, bound) = await PlaceAsync(grains, "bench");
        var use = used.Stop();

        var reference = await Reference.NoOpCallsPerSecondAsync(grains, pods * 3, 1000, concurrency);
        var decisions = DecisionsPerSecond();
        return new BenchmarkResult(
            "schedule", pods / bound.TotalSeconds, "pods/s", reference, "calls/s", ">= 5000 pods/s",
            new Dictionary<string, object>(use.PerPod(pods))
            {
                ["nodes"] = nodes,
                ["pods"] = pods,
                ["created_s"] = Math.Round(created.TotalSeconds, 2),
                ["bound_s"] = Math.Round(bound.TotalSeconds, 2),
                ["decisions_per_s"] = Math.Round(decisions),
                ["gc_collections"] = use.Collections,
                ["allocated_kib_per_pod"] = use.AllocatedMiB * 1024 / pods,
            });
    }

    /// <summary>Creates the pods in a new namespace and waits until all are bound: the time to create them, and to bind the last.</summary>
    private async Task<(TimeSpan Created, TimeSpan Bound)> PlaceAsync(IGrainFactory grains, string @namespace)
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        await SimulatedNodes.CreateNamespaceAsync(grains, @namespace);
        var boundBefore = (await scheduler.GetStatisticsAsync()).Bound;

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await grains.GetObjectGrain<Pod>(@namespace, $"pod-{i:D6}").CreateAsync(Pod(@namespace, $"pod-{i:D6}")));
        var created = watch.Elapsed;
        await SimulatedNodes.WaitAsync(async () => (await scheduler.GetStatisticsAsync()).Bound - boundBefore >= pods, TimeSpan.FromMinutes(5));
        return (created, watch.Elapsed);
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
        var candidates = Enumerable.Range(0, pods).Select(i => SchedulingPod.From(Pod("bench", $"pod-{i:D6}") with
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

    private static Pod Pod(string @namespace, string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
        Spec = SimulatedNodes.SmallPodSpec(),
    };
}
