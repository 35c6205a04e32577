using OrleansKube.Benchmarks.Harness;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// API latency as a client sees it: 10,000 pods running on 1,000 simulated nodes, then, from an Orleans client in a
/// process of its own (<see cref="ApiClientProcess"/>) connected to the silo's gateway over loopback, single pods
/// fetched one after another (the call <c>okube get pod NAME</c> makes) and the whole namespace's pods listed as
/// <c>okube get pods -n NS</c> lists them, in pages of 500 made into rows as they come; the same list read in one call
/// is reported beside it. The headline is the get p99; the reference is the p99 of a no-op grain call from the same client.
/// </summary>
internal sealed class ApiScenario(int nodes = 1000, int pods = 10_000, int gets = 2000, int lists = 50, int concurrency = 256) : IScenario
{
    private const string Namespace = "api";

    public async Task<BenchmarkResult> RunAsync()
    {
        await using var cluster = await BenchmarkCluster.StartAsync();
        await SeedAsync(cluster.Grains, Namespace, nodes, pods, concurrency);

        var (ping, get, list, unpaged, gcPause, allocated) = await ApiClientProcess.MeasureAsync(cluster.GatewayPort, Namespace, pods, gets, lists);

        double Ms(List<double> times, double share) => Math.Round(Latencies.Percentile(times, share), 2);
        return new BenchmarkResult(
            "api", Latencies.Percentile(get, 0.99), "ms", Latencies.Percentile(ping, 0.99), "ms no-op p99", "get p99 <= 5 ms; list p99 <= 200 ms",
            new Dictionary<string, object>
            {
                ["get_p50"] = Ms(get, 0.50),
                ["get_p99"] = Ms(get, 0.99),
                ["list_p50"] = Ms(list, 0.50),
                ["list_p99"] = Ms(list, 0.99),
                ["list_unpaged_p50"] = Ms(unpaged, 0.50),
                ["list_unpaged_p99"] = Ms(unpaged, 0.99),
                ["noop_p50"] = Ms(ping, 0.50),
                ["client_gc_pause_ms_per_list"] = Math.Round(gcPause),
                ["client_allocated_mib_per_list"] = allocated,
                ["gets"] = gets,
                ["lists"] = lists,
                ["pods"] = pods,
                ["nodes"] = nodes,
            });
    }

    /// <summary>The world the calls read: <paramref name="pods"/> pods bound and reported Running by simulated nodes, as a live cluster's are.</summary>
    public static async Task SeedAsync(IGrainFactory grains, string @namespace, int nodes, int pods, int concurrency)
    {
        await SimulatedNodes.CreateAsync(grains, nodes, concurrency);
        await SimulatedNodes.CreateNamespaceAsync(grains, @namespace);
        await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await grains.GetObjectGrain<Pod>(@namespace, Name(i)).CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = Name(i), Namespace = @namespace },
                Spec = SimulatedNodes.SmallPodSpec(),
            }));
        var scope = grains.GetScope(Resources.Pods, @namespace);
        await SimulatedNodes.WaitAsync(
            async () => (await scope.ListAsync(Pod.KindName, null)).Items.Count(p => ((Pod)p).Status?.Phase == PodPhase.Running) >= pods,
            TimeSpan.FromMinutes(5));
    }

    /// <summary>The name of the seeded pod <paramref name="index"/>; the client process fetches pods by it.</summary>
    public static string Name(int index) => $"pod-{index:D5}";
}
