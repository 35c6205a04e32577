using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansKube.Silo.Runtime;
using OrleansKube.Tests.Redis;
using OrleansKube.Tests.Storage;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<RedisFixture>
{
    public const string Name = "durable cluster";
}

/// <summary>
/// The durable profile as a user runs it: real silos on Azurite and Redis, killed and started again, or losing their
/// storage for half a minute. Each test has a table of its own and starts on an empty Redis.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableClusterTests(AzuriteFixture azurite, RedisFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_object_is_back_after_all_silos_are_killed_and_started_again()
    {
        const string ns = "lasting";
        var cluster = await StartClusterAsync("Restart", ["lasting-1", "lasting-2"]);
        await using var _ = cluster;
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await RunAsync(Manifest(ns, "lasting-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));

            await cluster.KillAllAsync();
            var restarted = DateTimeOffset.UtcNow;
            var recovery = Stopwatch.StartNew();
            await cluster.StartAgainAsync(["lasting-1", "lasting-2"]);

            // Only pods are read until the cluster is whole: nothing a client does wakes the deployments.
            await Poll.UntilAsync(() => PodsAsync(ns), pods => pods.Running == 5 && pods.StartedAfter(restarted) == 3, TimeSpan.FromSeconds(90));
            output.WriteLine($"all 5 pods Running again {recovery.Elapsed.TotalSeconds:0.0} s after the silos were started again");

            var after = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.AtFullStrength, TimeSpan.FromSeconds(30));
            output.WriteLine($"objects applied and found after the restart: {before.Objects.Count} and {after.Objects.Count}; pods {before.Pods.Count} and {after.Pods.Count}");
            Assert.Equal(before.Objects, after.Objects);
            Assert.Equal(before.Pods.Keys, after.Pods.Keys);
        });
    }

    [Fact]
    public async Task A_node_that_does_not_come_back_has_its_pods_replaced_without_any_client_call()
    {
        const string ns = "stranded";
        var cluster = await StartClusterAsync("LostNode", ["stranded-1", "stranded-2", "stranded-3"]);
        await using var _ = cluster;
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await RunAsync(Manifest(ns, "stranded-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            var lost = before.Pods.Where(p => p.Value == "stranded-3").Select(p => p.Key).ToHashSet();
            Assert.True(lost.Count > 0, $"the scheduler spreads the real pods over the three nodes; none landed on stranded-3: {before}");

            await cluster.KillAllAsync();
            var recovery = Stopwatch.StartNew();
            await cluster.StartAgainAsync(["stranded-1", "stranded-2"]);

            // The node lifecycle controller finds stranded-3 silent, fails its pods, and the deployment replaces them.
            var pods = await Poll.UntilAsync(
                () => PodsAsync(ns),
                pods => pods.Running == 5 && pods.Items.Count == 5 && !pods.Nodes.Contains("stranded-3"),
                TimeSpan.FromSeconds(120));
            output.WriteLine($"the pods of the node that stayed away replaced {recovery.Elapsed.TotalSeconds:0.0} s after the other silos were started again");

            var after = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.AtFullStrength, TimeSpan.FromSeconds(30));
            Assert.Equal(before.Objects, after.Objects);
            Assert.Equal(before.Pods.Keys.Except(lost).Order(), after.Pods.Keys.Intersect(before.Pods.Keys).Order());
            Assert.Equal(lost.Count, after.Pods.Keys.Except(before.Pods.Keys).Count());
            var node = JsonNode.Parse((await RunAsync(null, "get", "node", "stranded-3", "-o", "json")).Stdout)!;
            Assert.Equal("Unknown", (string?)node["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!["status"]);
        });
    }

    [Fact]
    public async Task Pods_keep_running_through_a_storage_outage_and_the_cluster_converges_after_it()
    {
        const string ns = "weathering";
        var cluster = await StartClusterAsync("Outage", ["weathering-1", "weathering-2"]);
        await using var _ = cluster;
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await RunAsync(Manifest(ns, "weathering-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            var processes = await Poll.UntilAsync(() => Task.FromResult(PodProcesses(ns)), p => p.Count == 3, TimeSpan.FromSeconds(10));

            await azurite.StopAsync();
            var outage = Stopwatch.StartNew();
            try
            {
                var scale = await RunAsync(null, "scale", "deployment", "real", "--replicas", "4", "-n", ns);
                output.WriteLine($"scale during the outage, after {outage.Elapsed.TotalSeconds:0.0} s: {scale}");
                Assert.Equal(1, scale.ExitCode);
                Assert.StartsWith("error: the cluster's storage is unavailable, try again later: ", scale.Stderr, StringComparison.Ordinal);
                Assert.Contains("deployment/weathering/real", scale.Stderr, StringComparison.Ordinal);

                var create = await RunAsync(Deployment(ns, "late", replicas: 1), "apply", "-f", "-");
                output.WriteLine($"apply during the outage: {create}");
                Assert.Equal(1, create.ExitCode);
                Assert.StartsWith("error: the cluster's storage is unavailable, try again later: ", create.Stderr, StringComparison.Ordinal);
                Assert.Contains("deployment/weathering/late", create.Stderr, StringComparison.Ordinal);

                // Thirty seconds without storage: the same processes run on throughout.
                while (outage.Elapsed < TimeSpan.FromSeconds(30))
                {
                    Assert.Equal(processes, PodProcesses(ns));
                    await Task.Delay(500);
                }
            }
            finally
            {
                await azurite.StartAsync();
            }

            // The scale refused during the outage goes through now, and the deployment converges on it.
            var recovery = Stopwatch.StartNew();
            await Poll.UntilAsync(() => RunAsync(null, "scale", "deployment", "real", "--replicas", "4", "-n", ns), r => r.ExitCode == 0, TimeSpan.FromSeconds(60));
            var accepted = recovery.Elapsed;
            var after = await Poll.UntilAsync(() => SnapshotAsync(ns), s => s.RunningPods == 6 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            output.WriteLine($"after storage returned: the scale accepted within {accepted.TotalSeconds:0.0} s, 4/4 ready within {recovery.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(processes, PodProcesses(ns).Intersect(processes).ToHashSet());
            Assert.Subset(after.Pods.Keys.ToHashSet(), before.Pods.Keys.ToHashSet());

            // What was refused left nothing behind: the deployment made during the outage does not exist, and can be made now.
            var late = await RunAsync(null, "get", "deployment", "late", "-n", ns);
            Assert.Equal("error: deployments.apps \"late\" not found", late.Stderr.Trim());
            Assert.Equal(0, (await RunAsync(Deployment(ns, "late", replicas: 1), "apply", "-f", "-")).ExitCode);

            // The objects kept their identity; the scaled deployment went one generation on.
            Assert.Equal(before.Uids, after.Uids);
            Assert.Equal(2, (long?)after.Deployments.Single(d => (string?)d["metadata"]!["name"] == "real")["metadata"]!["generation"]);
        });
    }

    private Task<DurableCluster> StartClusterAsync(string table, string[] nodes) => DurableCluster.StartAsync(redis, azurite, output, table, nodes);

    private Task<Okube.Result> RunAsync(string? input, params string[] args) => Okube.RunThroughRedisAsync(redis.Connection, input, args);

    private async Task<PodList> PodsAsync(string ns)
    {
        var result = await RunAsync(null, "get", "pods", "-n", ns, "-o", "json");
        return new PodList(result.ExitCode == 0 ? [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!)] : []);
    }

    private async Task<Snapshot> SnapshotAsync(string ns)
    {
        var objects = new SortedSet<string>(StringComparer.Ordinal);
        var uids = new SortedSet<string>(StringComparer.Ordinal);
        var items = new Dictionary<string, List<JsonNode>>();
        foreach (var kind in new[] { "namespaces", "nodes", "deployments", "pods" })
        {
            var result = await RunAsync(null, "get", kind, "-A", "-o", "json");
            if (result.ExitCode != 0)
            {
                return new Snapshot([], [], new PodList([]), []);
            }

            items[kind] = [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!)
                .Where(i => kind is "nodes" || (string?)i["metadata"]!["namespace"] == ns || (string?)i["metadata"]!["name"] == ns)];
            if (kind != "pods")
            {
                uids.UnionWith(items[kind].Select(i => $"{kind}/{i["metadata"]!["name"]} uid={i["metadata"]!["uid"]}"));
                objects.UnionWith(items[kind].Select(i =>
                    $"{kind}/{i["metadata"]!["name"]} uid={i["metadata"]!["uid"]} generation={i["metadata"]!["generation"]} spec={i["spec"]?.ToJsonString()}"));
            }
        }

        return new Snapshot(objects, uids, new PodList(items["pods"]), items["deployments"]);
    }

    /// <summary>The processes of the namespace's real pods, as pid and start time: the same pair is the same process.</summary>
    private static HashSet<(int Pid, long Start)> PodProcesses(string ns) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Command(pid) == $"sleep\0{Marker(ns)}\0")
            .Select(pid => (pid, ProcFs.StartTime(pid) ?? -1))
            .Where(p => p.Item2 >= 0)];

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Each namespace's pods sleep for a time of their own, so their processes can be told from any other test's.
    private static string Marker(string ns) => ns switch
    {
        "lasting" => "86401",
        "stranded" => "86402",
        _ => "86403",
    };

    private static string Manifest(string ns, string simulatedNode) => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ns}}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: {{simulatedNode}}
          annotations:
            okube.io/simulated: "true"
          labels:
            pool: {{simulatedNode}}
        status:
          capacity:
            cpu: "8"
            memory: 16Gi
        ---
        {{Deployment(ns, "real", replicas: 3)}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: simulated
          namespace: {{ns}}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: simulated}
          template:
            metadata:
              labels: {app: simulated}
            spec:
              nodeSelector: {pool: {{simulatedNode}}}
              containers:
                - name: c
                  image: nginx:1.27
        """;

    private static string Deployment(string ns, string name, int replicas) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              # The silos' own nodes carry this label; the simulated node does not.
              nodeSelector: {kubernetes.io/os: linux}
              terminationGracePeriodSeconds: 1
              containers:
                - name: c
                  image: busybox:1.36
                  command: ["sleep", "{{Marker(ns)}}"]
                  resources:
                    requests: {cpu: 500m}
        """;

    /// <summary>Silo processes on the durable profile, with a table of their own; started again on their old ports.</summary>
    private sealed class DurableCluster(RedisFixture redis, AzuriteFixture azurite, ITestOutputHelper output, string table) : IAsyncDisposable
    {
        private readonly Dictionary<string, (int, int, int)> _ports = [];
        private List<SiloProcess> _silos = [];

        public static async Task<DurableCluster> StartAsync(
            RedisFixture redis, AzuriteFixture azurite, ITestOutputHelper output, string table, string[] nodes)
        {
            // A cluster of its own: no membership or reminders of an earlier test's silos.
            await redis.FlushAsync();
            var cluster = new DurableCluster(redis, azurite, output, table);
            await cluster.StartAgainAsync(nodes);
            return cluster;
        }

        /// <summary>Starts the silos of <paramref name="nodes"/> together, each on the ports it had before, if any.</summary>
        public async Task StartAgainAsync(string[] nodes)
        {
            // Together and on their old ports, as after a power cut: Redis still lists the silos of the old run, and a
            // silo that comes back on the endpoint of one of them replaces it.
            string[] durable =
            [
                "--clustering", "redis", "--reminders", "redis", "--redis", redis.Connection,
                "--storage", "azuretable", "--azure-storage", azurite.ConnectionString, "--azure-table", table,
            ];
            foreach (var node in nodes)
            {
                _ports.TryAdd(node, (Repository.FreePort(), Repository.FreePort(), Repository.FreePort()));
            }

            var starting = nodes.Select(node =>
                SiloProcess.StartAsync(_ports[node], [.. durable, "--node-name", node, "--cpu", "2", "--memory", "4Gi"])).ToList();
            try
            {
                _silos = [.. await Task.WhenAll(starting)];
            }
            catch
            {
                // The silos that did start go with the test; the one that did not has gone already.
                foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }

                throw;
            }
        }

        /// <summary>SIGKILL to every silo, as a power cut.</summary>
        public async Task KillAllAsync()
        {
            foreach (var silo in _silos)
            {
                await silo.KillAsync();
            }

            await DisposeAsync();
        }

        /// <summary>Runs the test's body; when it fails, keeps each silo's output in a file and names it.</summary>
        public async Task RunAsync(Func<Task> body)
        {
            try
            {
                await body();
            }
            catch
            {
                foreach (var silo in _silos)
                {
                    var path = Path.Combine(Path.GetTempPath(), $"okube-durable-{table}-{silo.SiloPort}.log");
                    await File.WriteAllTextAsync(path, silo.Output);
                    output.WriteLine($"silo {silo.SiloPort}: {path}");
                }

                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var silo in _silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}

/// <summary>A namespace's pods, as <c>okube get pods -o json</c> shows them.</summary>
internal sealed record PodList(List<JsonNode> Items)
{
    public int Running => Items.Count(p => (string?)p["status"]?["phase"] == "Running");

    public HashSet<string> Nodes => [.. Items.Select(p => (string?)p["spec"]?["nodeName"] ?? "")];

    public int StartedAfter(DateTimeOffset time) => Items.Count(p =>
        p["status"]?["containerStatuses"]?[0]?["state"]?["running"]?["startedAt"] is { } started &&
        DateTimeOffset.Parse((string)started!, System.Globalization.CultureInfo.InvariantCulture) >= time.AddSeconds(-1));

    public override string ToString() =>
        $"{Running} running: {string.Join(", ", Items.Select(p => $"{p["metadata"]!["name"]} on {p["spec"]?["nodeName"]} {p["status"]?["phase"]}"))}";
}

/// <summary>What the cluster holds for one namespace, with the nodes, as <c>okube get -o json</c> shows it.</summary>
internal sealed record Snapshot(SortedSet<string> Objects, SortedSet<string> Uids, PodList PodList, List<JsonNode> Deployments)
{
    public int RunningPods => PodList.Running;

    /// <summary>Each pod's name and uid, and the node it is bound to.</summary>
    public Dictionary<string, string> Pods =>
        PodList.Items.ToDictionary(p => $"{p["metadata"]!["name"]} {p["metadata"]!["uid"]}", p => (string?)p["spec"]?["nodeName"] ?? "");

    /// <summary>Every deployment has seen its latest spec and has all its replicas ready, and no more pods than that.</summary>
    public bool AtFullStrength => Deployments.Count > 0 && Deployments.All(d =>
        (long?)d["status"]?["observedGeneration"] == (long?)d["metadata"]!["generation"] &&
        (int?)d["status"]?["readyReplicas"] == (int?)d["spec"]!["replicas"] &&
        (int?)d["status"]?["replicas"] == (int?)d["spec"]!["replicas"]);

    public override string ToString() =>
        $"{PodList}; objects: {string.Join("; ", Objects)}; deployments: {string.Join("; ", Deployments.Select(d => $"{d["metadata"]!["name"]} {d["status"]?.ToJsonString()}"))}";
}
