using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansKube.Tests.Runtime;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>Pods as real processes on three silos, driven by the real <c>okube</c>, and a silo killed with SIGKILL.</summary>
[Collection(WorkerNodesCollection.Name)]
public sealed class WorkerNodeEndToEndTests(WorkerNodesFixture cluster, ITestOutputHelper output)
{
    private const string Namespace = "workers";

    private string Gateway => cluster.First.Gateway;

    [Fact]
    public async Task A_deployment_runs_as_processes_on_three_nodes_and_survives_a_killed_silo()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            // What the silos said, to tell why.
            foreach (var silo in cluster.Silos)
            {
                var path = Path.Combine(Path.GetTempPath(), $"okube-e2e-silo-{silo.SiloPort}.log");
                await File.WriteAllTextAsync(path, silo.Output);
                output.WriteLine($"silo {silo.SiloPort}: {path}");
            }

            throw;
        }
    }

    private async Task RunAsync()
    {
        var sleep = RuntimeScope.Marker();
        var applied = await Okube.RunWithInputAsync(Gateway, Manifest(sleep), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var pods = await PollAsync(() => PodsAsync(), p => p.Count == 6 && p.All(Running), TimeSpan.FromSeconds(60));
        Assert.Equal(3, pods.Select(NodeOf).Distinct().Count());
        Assert.Equal(6, Processes.Sleeping(sleep).Count);

        var nodes = await Okube.RunAsync(Gateway, "get", "nodes");
        foreach (var name in new[] { "worker-1", "worker-2", "worker-3" })
        {
            Assert.Matches($"(?m)^{name} +Ready ", nodes.Stdout);
        }

        var first = (string)pods[0]["metadata"]!["name"]!;
        var logs = await PollAsync(() => Okube.RunAsync(Gateway, "logs", first, "-n", Namespace), r => r.Stdout.Contains("started"), TimeSpan.FromSeconds(20));
        Assert.Equal("started\n", logs.Stdout);

        // Kill the third silo outright: its pods' processes must die with it, and its pods must come back elsewhere.
        var victim = cluster.Silos[2];
        var victimPods = pods.Where(p => NodeOf(p) == "worker-3").Select(p => (string)p["metadata"]!["uid"]!).ToHashSet();
        var victimProcesses = Processes.Sleeping(sleep).Where(pid => DescendsFrom(pid, victim.ProcessId)).ToList();
        Assert.NotEmpty(victimPods);
        Assert.Equal(victimPods.Count, victimProcesses.Count);
        var killed = Stopwatch.StartNew();
        await victim.KillAsync();

        await PollAsync(() => Task.FromResult(victimProcesses.Where(Alive).ToList()), alive => alive.Count == 0, TimeSpan.FromSeconds(10));
        var healed = await PollAsync(
            () => PodsAsync(),
            p => p.Count(Running) == 6 && p.Where(Running).All(pod => NodeOf(pod) != "worker-3"),
            TimeSpan.FromSeconds(60));
        output.WriteLine($"all 6 replicas Running on the remaining nodes {killed.Elapsed.TotalSeconds:0.0} s after the SIGKILL");
        Assert.DoesNotContain(healed.Where(Running), pod => victimPods.Contains((string)pod["metadata"]!["uid"]!));
        await PollAsync(() => Task.FromResult(Processes.Sleeping(sleep).Count), count => count == 6, TimeSpan.FromSeconds(20));

        var lost = await PollAsync(() => Okube.RunAsync(Gateway, "get", "node", "worker-3"), r => r.Stdout.Contains("NotReady"), TimeSpan.FromSeconds(20));
        Assert.Matches("(?m)^worker-3 +NotReady ", lost.Stdout);

        Assert.Equal(0, (await Okube.RunAsync(Gateway, "delete", "namespace", Namespace)).ExitCode);
        await PollAsync(() => Task.FromResult(Processes.Sleeping(sleep).Count), count => count == 0, TimeSpan.FromSeconds(60));
    }

    private async Task<List<JsonNode>> PodsAsync()
    {
        var result = await Okube.RunAsync(Gateway, "get", "pods", "-n", Namespace, "-o", "json");
        if (result.ExitCode != 0)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} get pods: {result.Stderr.Trim()}");
            return [];
        }

        return [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(item => item!)];
    }

    private static bool Running(JsonNode pod) => (string?)pod["status"]?["phase"] == "Running";

    private static string? NodeOf(JsonNode pod) => (string?)pod["spec"]?["nodeName"];

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var current = pid; current > 1;)
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{current}/stat");
            }
            catch (IOException)
            {
                return false;
            }

            // "pid (comm) state ppid ...": the command may hold spaces, so read after its closing parenthesis.
            current = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout) =>
        Poll.UntilAsync(read, done, timeout, value => Show(value));

    private static string? Show<T>(T value) => value switch
    {
        List<JsonNode> pods => string.Join("; ", pods.Select(p => $"{p["metadata"]?["name"]} {p["status"]?["phase"]} {p["status"]?["reason"]} on {NodeOf(p)}")),
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object>()),
        _ => value?.ToString(),
    };

    private static string Manifest(string sleep) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {Namespace}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleeper
          namespace: {Namespace}
        spec:
          replicas: 6
          selector:
            matchLabels:
              app: sleeper
          template:
            metadata:
              labels:
                app: sleeper
            spec:
              terminationGracePeriodSeconds: 2
              containers:
                - name: sleeper
                  image: busybox:1.36
                  command: ["sh", "-c", "echo started; sleep {sleep}"]
        """;
}
