using System.Text.Json.Nodes;
using OrleansKube.Harness;
using OrleansKube.Silo.Runtime;
using OrleansKube.Tests.Redis;
using OrleansKube.Tests.Runtime;
using OrleansKube.Tests.Storage;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>Silo processes on the durable profile, with a table of their own; started again on their old ports.</summary>
internal sealed class DurableCluster(RedisFixture redis, AzuriteFixture azurite, ITestOutputHelper output, string table) : IAsyncDisposable
{
    private readonly Dictionary<string, SiloPorts> _ports = [];
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
            _ports.TryAdd(node, SiloPorts.Free());
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

    /// <summary>Runs <c>okube --redis ...</c> against this cluster.</summary>
    public Task<Okube.Result> OkubeAsync(string? input, params string[] args) => Okube.RunThroughRedisAsync(redis.Connection, input, args);

    /// <summary>The Kubernetes API of the first silo, as a kubeconfig names it.</summary>
    public string ApiServer => _silos[0].ApiServer;

    /// <summary>The namespace's pods; none when the cluster does not answer.</summary>
    public async Task<PodList> PodsAsync(string ns)
    {
        var result = await OkubeAsync(null, "get", "pods", "-n", ns, "-o", "json");
        return new PodList(result.ExitCode == 0 ? [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!)] : []);
    }

    /// <summary>The namespace, its deployments and pods, and every node; empty when the cluster does not answer.</summary>
    public async Task<Snapshot> SnapshotAsync(string ns)
    {
        var objects = new SortedSet<string>(StringComparer.Ordinal);
        var uids = new SortedSet<string>(StringComparer.Ordinal);
        var items = new Dictionary<string, List<JsonNode>>();
        foreach (var kind in new[] { "namespaces", "nodes", "deployments", "pods" })
        {
            var result = await OkubeAsync(null, "get", kind, "-A", "-o", "json");
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
    public static HashSet<(int Pid, long Start)> PodProcesses(string ns) =>
        [.. Processes.Sleeping(Marker(ns)).Select(pid => (pid, ProcFs.StartTime(pid) ?? -1)).Where(p => p.Item2 >= 0)];

    // Each namespace's pods sleep for a time of their own, so their processes can be told from any other test's.
    private static string Marker(string ns) => ns switch
    {
        "lasting" => "86401",
        "stranded" => "86402",
        _ => "86403",
    };

    /// <summary>The namespace, a simulated node, a deployment of 3 real pods on the silos' nodes and one of 2 on the simulated node.</summary>
    public static string Manifest(string ns, string simulatedNode) => $$"""
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

    /// <summary>A deployment of <c>sleep</c> pods on the silos' own nodes.</summary>
    public static string Deployment(string ns, string name, int replicas) => $$"""
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

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
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
