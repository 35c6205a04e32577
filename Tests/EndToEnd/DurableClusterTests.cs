using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansKube.Tests.Redis;
using OrleansKube.Tests.Storage;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<RedisFixture>
{
    public const string Name = "durable cluster";
}

/// <summary>The durable profile as a user runs it: real silos on Azurite and Redis, every one of them killed and started again.</summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableClusterTests(AzuriteFixture azurite, RedisFixture redis, ITestOutputHelper output)
{
    private const string Namespace = "lasting";

    [Fact]
    public async Task Every_object_is_back_after_all_silos_are_killed_and_started_again()
    {
        var silos = await StartAsync();
        try
        {
            Assert.Equal(0, (await RunAsync(Manifest, "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(Snapshot, s => s.RunningPods == 5, TimeSpan.FromSeconds(60), s => s.ToString());

            foreach (var silo in silos)
            {
                await silo.KillAsync();
            }

            await DisposeAsync(silos);
            var restarted = DateTimeOffset.UtcNow;
            var recovery = Stopwatch.StartNew();
            silos = await StartAsync([.. silos.Select(s => s.Ports)]);

            // Back, and the pods run again: the kubelets of the restarted nodes started them anew, after the restart.
            var after = await Poll.UntilAsync(
                Snapshot, s => s.RunningPods == 5 && s.PodsStartedAfter(restarted) == 3, TimeSpan.FromSeconds(90), s => s.ToString());
            output.WriteLine($"all 5 pods Running again {recovery.Elapsed.TotalSeconds:0.0} s after the silos were started again");

            Assert.Equal(before.Objects, after.Objects);
            Assert.Equal(before.Pods, after.Pods);
        }
        catch
        {
            foreach (var silo in silos)
            {
                var path = Path.Combine(Path.GetTempPath(), $"okube-durable-silo-{silo.SiloPort}.log");
                await File.WriteAllTextAsync(path, silo.Output);
                output.WriteLine($"silo {silo.SiloPort}: {path}");
            }

            throw;
        }
        finally
        {
            await DisposeAsync(silos);
        }
    }

    private Task<Okube.Result> RunAsync(string? input, params string[] args) => Okube.RunThroughRedisAsync(redis.Connection, input, args);

    private async Task<Snapshot> Snapshot()
    {
        var objects = new SortedSet<string>(StringComparer.Ordinal);
        var pods = new List<JsonNode>();
        foreach (var kind in new[] { "namespaces", "nodes", "deployments", "pods" })
        {
            var result = await RunAsync(null, "get", kind, "-A", "-o", "json");
            if (result.ExitCode != 0)
            {
                return new Snapshot([], [], 0, []);
            }

            foreach (var item in JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!))
            {
                var metadata = item["metadata"]!;
                if (kind == "pods")
                {
                    pods.Add(item);
                }
                else if (kind != "namespaces" || (string?)metadata["name"] == Namespace)
                {
                    objects.Add($"{kind}/{metadata["name"]} uid={metadata["uid"]} generation={metadata["generation"]} spec={item["spec"]?.ToJsonString()}");
                }
            }
        }

        var running = pods.Count(p => (string?)p["status"]?["phase"] == "Running");
        return new Snapshot(objects, new SortedSet<string>(pods.Select(p => $"{p["metadata"]!["name"]} {p["metadata"]!["uid"]}"), StringComparer.Ordinal), running, pods);
    }

    private async Task<List<SiloProcess>> StartAsync(IReadOnlyList<(int, int, int)>? ports = null)
    {
        string[] durable = ["--clustering", "redis", "--reminders", "redis", "--redis", redis.Connection, "--storage", "azuretable", "--azure-storage", azurite.ConnectionString];
        // Together and on their old ports, as after a power cut: Redis still lists the silos of the old run, and a silo
        // that comes back on the endpoint of one of them replaces it.
        string[] names = ["lasting-1", "lasting-2"];
        var silos = await Task.WhenAll(names.Select((name, i) => SiloProcess.StartAsync(
            ports?[i] ?? (Repository.FreePort(), Repository.FreePort(), Repository.FreePort()),
            [.. durable, "--node-name", name, "--cpu", "2", "--memory", "4Gi"])));
        return [.. silos];
    }

    private static async Task DisposeAsync(List<SiloProcess> silos)
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }

    private const string Manifest = $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{Namespace}}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: lasting-sim
          annotations:
            okube.io/simulated: "true"
          labels:
            pool: simulated
        status:
          capacity:
            cpu: "8"
            memory: 16Gi
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: real
          namespace: {{Namespace}}
        spec:
          replicas: 3
          selector:
            matchLabels: {app: real}
          template:
            metadata:
              labels: {app: real}
            spec:
              # The silos' own nodes carry this label; the simulated node does not.
              nodeSelector: {kubernetes.io/os: linux}
              terminationGracePeriodSeconds: 1
              containers:
                - name: c
                  image: busybox:1.36
                  command: ["sleep", "3600"]
                  resources:
                    requests: {cpu: 500m}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: simulated
          namespace: {{Namespace}}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: simulated}
          template:
            metadata:
              labels: {app: simulated}
            spec:
              nodeSelector: {pool: simulated}
              containers:
                - name: c
                  image: nginx:1.27
        """;
}

/// <summary>What the cluster holds, as <c>okube get -o json</c> shows it.</summary>
internal sealed record Snapshot(SortedSet<string> Objects, SortedSet<string> Pods, int RunningPods, List<JsonNode> Items)
{
    public int PodsStartedAfter(DateTimeOffset time) => Items.Count(p =>
        p["status"]?["containerStatuses"]?[0]?["state"]?["running"]?["startedAt"] is { } started &&
        DateTimeOffset.Parse((string)started!, System.Globalization.CultureInfo.InvariantCulture) >= time.AddSeconds(-1));

    public override string ToString() => $"{RunningPods} running; objects: {string.Join("; ", Objects)}; pods: {string.Join(", ", Pods)}";
}
