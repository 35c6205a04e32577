using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using OrleansKube.Api;
using OrleansKube.Benchmarks.Harness;
using OrleansKube.Grains;
using OrleansKube.Harness;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Nodes;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// Seconds from a SIGKILL to a silo process until its pods run again elsewhere: three real silo processes, a deployment
/// of <c>sleep</c> pods spread over them by the scheduler (about a third on each), the third silo killed, and the
/// deployment watched through an Orleans client on the first silo's gateway until every replica runs on the two that
/// remain. The reference is Orleans' own failure detection in the same run: the time until the cluster's membership
/// declares the killed silo dead.
/// </summary>
internal sealed class FailoverScenario(int replicas = 60, int silos = 3) : IScenario
{
    private const string Namespace = "failover";
    private const string Name = "sleeper";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    // Unique to this run, so that every pod process it started can be found, and found gone, at the end.
    private readonly string _sleep = string.Create(CultureInfo.InvariantCulture, $"3600.{Environment.ProcessId % 10000:D4}{Random.Shared.Next(100000):D5}");

    public async Task<BenchmarkResult> RunAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "okube-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var processes = new List<SiloProcess>();
        try
        {
            return await RunAsync(data, processes);
        }
        finally
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                await process.DisposeAsync();
            }

            // The pods die with their silo through the parent-death signal; a leftover would be a bug worth shouting about.
            if (!await SimulatedNodes.UntilAsync(() => Task.FromResult(PodProcesses().Count == 0), TimeSpan.FromSeconds(10)))
            {
                Console.Error.WriteLine($"warning: pod processes outlived their silos: {string.Join(", ", PodProcesses())}");
            }

            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private async Task<BenchmarkResult> RunAsync(string data, List<SiloProcess> processes)
    {
        for (var i = 1; i <= silos; i++)
        {
            // Room for every replica on the silos that remain: the scheduler, not capacity, decides the spread.
            processes.Add(await SiloProcess.StartAsync($"failover-{i}", data, processes.FirstOrDefault()?.SiloEndpoint, "--cpu", "8", "--memory", "16Gi"));
        }

        await using var client = await BenchmarkClient.ConnectAsync(processes[0].GatewayPort, ClusterIdentity.ClusterId);
        var grains = client.Grains;
        var cluster = grains.GetGrain<IClusterGrain>(IClusterGrain.Key);
        await SimulatedNodes.WaitAsync(async () => (await cluster.ListAsync(Node.KindName, null)).Items.Count(n => NodeStatusReport.IsReady((Node)n)) >= silos, Deadline);
        await SimulatedNodes.CreateNamespaceAsync(grains, Namespace);
        var deployment = grains.GetObjectGrain<Deployment>(Namespace, Name);
        await deployment.CreateAsync(Manifest());
        await SimulatedNodes.WaitAsync(async () => (await deployment.GetAsync())?.Status?.AvailableReplicas >= replicas, Deadline);

        var victim = processes[^1];
        var carried = (await PodsAsync(grains)).Count(p => p.Spec.NodeName == victim.NodeName && p.Status?.Phase == PodPhase.Running);
        var management = grains.GetGrain<IManagementGrain>(0);

        var watch = Stopwatch.StartNew();
        await victim.KillAsync();
        var declaredDead = UntilDeclaredDeadAsync(management, victim.SiloPort, watch);
        var failedCalls = 0;
        var lastFailedCall = TimeSpan.Zero;
        TimeSpan? notReady = null, evicted = null;
        var node = grains.GetObjectGrain<Node>(null, victim.NodeName!);
        var replaced = await SimulatedNodes.UntilAsync(async () =>
        {
            try
            {
                notReady ??= NodeStatusReport.IsReady((await node.GetAsync())!) ? null : watch.Elapsed;
                var running = (await PodsAsync(grains)).Where(p => p.Status?.Phase == PodPhase.Running).ToList();
                evicted ??= running.Any(p => p.Spec.NodeName == victim.NodeName) ? null : watch.Elapsed;
                return running.Count == replicas && evicted is not null &&
                    (await deployment.GetAsync())?.Status?.AvailableReplicas == replicas;
            }
            catch (OrleansException)
            {
                // Until the membership calls the silo dead, a call may still be routed to it and fail, as okube's would.
                failedCalls++;
                lastFailedCall = watch.Elapsed;
                return false;
            }
        }, Deadline, TimeSpan.FromMilliseconds(50));
        var elapsed = watch.Elapsed;
        var detection = await declaredDead;
        if (!replaced)
        {
            throw new TimeoutException($"the {carried} pods of {victim.NodeName} were not replaced within {Deadline}");
        }

        return new BenchmarkResult(
            "failover", elapsed.TotalSeconds, "s", detection.TotalSeconds, "s detected", "<= 10 s",
            new Dictionary<string, object>
            {
                ["replicas"] = replicas,
                ["silos"] = silos,
                ["pods_on_killed_node"] = carried,
                ["declared_dead_s"] = Math.Round(detection.TotalSeconds, 2),
                ["node_not_ready_s"] = Seconds(notReady),
                ["pods_evicted_s"] = Seconds(evicted),
                ["failed_calls"] = failedCalls,
                ["last_failed_call_s"] = Seconds(lastFailedCall),
            });
    }

    private static double Seconds(TimeSpan? time) => Math.Round(time?.TotalSeconds ?? -1, 2);

    // When the membership (as the first silo's management grain reports it) first calls the killed silo dead.
    private static async Task<TimeSpan> UntilDeclaredDeadAsync(IManagementGrain management, int siloPort, Stopwatch sinceKill)
    {
        await SimulatedNodes.WaitAsync(async () =>
            (await management.GetHosts(onlyActive: false)).Any(host => host.Key.Endpoint.Port == siloPort && host.Value == SiloStatus.Dead),
            Deadline);
        return sinceKill.Elapsed;
    }

    private static async Task<List<Pod>> PodsAsync(IGrainFactory grains) =>
        [.. (await grains.GetScope(Resources.Pods, Namespace).ListAsync(Pod.KindName, null)).Items.Cast<Pod>()];

    private List<int> PodProcesses()
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) &&
                    File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0').Contains(_sleep))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while being read.
            }
        }

        return found;
    }

    private Deployment Manifest() => SimulatedNodes.SmallDeployment(Namespace, Name, replicas, SimulatedNodes.SmallPodSpec() with
    {
        TerminationGracePeriodSeconds = 1,
        Containers = [SimulatedNodes.SmallPodSpec().Containers[0] with { Name = "sleep", Command = ["sleep", _sleep] }],
    });
}
