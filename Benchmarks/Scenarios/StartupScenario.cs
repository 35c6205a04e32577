using System.Diagnostics;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Hosting;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Pod start-up with real processes: 50 pods over 3 silos whose kubelets run the process runtime, each pod timed from
/// its binding (<c>PodScheduled</c>) to the kubelet's seeing its container run (<c>Ready</c>, as it has no probe). The
/// reference is the same program started directly with <see cref="Process.Start(ProcessStartInfo)"/>.
/// </summary>
internal sealed class StartupScenario(int pods = 50, int silos = 3) : IScenario
{
    private const string Namespace = "startup";

    public async Task<BenchmarkResult> RunAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "okube-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return await MeasureAsync(data);
        }
        finally
        {
            // The kubelets' pod directories and logs; the cluster, and with it every pod, is gone by now.
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private async Task<BenchmarkResult> MeasureAsync(string data)
    {
        await using var cluster = await BenchmarkCluster.StartAsync(silos, (index, silo) => silo.AddKubelet(kubelet =>
        {
            kubelet.NodeName = $"bench-{index + 1}";
            kubelet.DataDirectory = Path.Combine(data, kubelet.NodeName);
        }));
        var grains = cluster.Grains;
        await SimulatedNodes.WaitAsync(async () => (await grains.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Model.Nodes.Node.KindName, null)).Items.Count >= silos, TimeSpan.FromSeconds(30));
        await SimulatedNodes.CreateNamespaceAsync(grains, Namespace);

        await Task.WhenAll(Enumerable.Range(0, pods).Select(i => grains.GetObjectGrain<Pod>(Namespace, $"p{i}").CreateAsync(Pod($"p{i}"))));
        var running = new Pod[pods];
        await SimulatedNodes.WaitAsync(async () =>
        {
            for (var i = 0; i < pods; i++)
            {
                running[i] = (await grains.GetObjectGrain<Pod>(Namespace, $"p{i}").GetAsync())!;
            }

            return running.All(p => p.Status?.Conditions.Any(c => c.Type == WellKnown.PodReady && c.Status == WellKnown.ConditionTrue) == true);
        }, TimeSpan.FromMinutes(2));

        var latencies = running.Select(p => (Condition(p, WellKnown.PodReady) - Condition(p, WellKnown.PodScheduled)).TotalMilliseconds).Order().ToList();
        var nodes = running.Select(p => p.Spec.NodeName).Distinct().Count();
        await grains.GetGrain<INamespaceGrain>(Namespace).DeleteAsync(null);
        var direct = DirectSpawnMilliseconds(pods);
        var (p50, p99) = (Latencies.Percentile(latencies, 0.50), Latencies.Percentile(latencies, 0.99));
        return new BenchmarkResult(
            "startup", p99, "ms", Latencies.Percentile(direct, 0.99), "ms direct", "p99 <= 500 ms",
            new Dictionary<string, object> { ["p50"] = Math.Round(p50, 1), ["p99"] = Math.Round(p99, 1), ["pods"] = pods, ["nodes"] = nodes, ["direct_p50"] = Math.Round(Latencies.Percentile(direct, 0.5), 2) });
    }

    private static Pod Pod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container { Name = "c", Image = "busybox:1.36", Command = ["sleep", "3600"] }],
        },
    };

    private static DateTimeOffset Condition(Pod pod, string type) =>
        pod.Status!.Conditions.First(c => c.Type == type).LastTransitionTime!.Value;

    // The same program, started straight from this process: the floor a runtime's start-up is measured against.
    private static List<double> DirectSpawnMilliseconds(int count)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("sleep", "3600") { UseShellExecute = false })!;
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Kill();
            process.WaitForExit();
        }

        times.Sort();
        return times;
    }
}
