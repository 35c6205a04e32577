using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansKube.Harness;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>
/// <c>scripts/durable-cluster</c> as README has a user run it: start, apply, kill every silo, start again, stop. In the
/// durable collection, whose fixtures have installed Azurite and redis-server; the script starts its own, on free ports.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableClusterScriptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("okube-script-").FullName;
    private readonly int _redisPort = LoopbackPorts.Next();
    private readonly Dictionary<string, string> _environment = [];

    public Task InitializeAsync()
    {
        _environment["SILOS"] = "1";
        _environment["NODE_PREFIX"] = "scripted";
        _environment["OKUBE_STATE"] = _state;
        _environment["REDIS_PORT"] = $"{_redisPort}";
        _environment["AZURITE_PORT"] = $"{LoopbackPorts.Next()}";
        _environment["SILO_PORT"] = $"{LoopbackPorts.Next()}";
        _environment["GATEWAY_PORT"] = $"{LoopbackPorts.Next()}";
        _environment["HTTP_PORT"] = $"{LoopbackPorts.Next()}";
        _environment["API_PORT"] = $"{LoopbackPorts.Next()}";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Starts_a_durable_cluster_that_comes_back_after_its_silos_are_killed_and_stops_it()
    {
        try
        {
            await ScriptAsync("start");
            Assert.Equal(0, (await OkubeAsync(Sleepers, "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => PodsAsync(), pods => pods.Running == 2, TimeSpan.FromSeconds(60));

            Assert.Contains("scripted-1 killed", await ScriptAsync("kill"), StringComparison.Ordinal);
            Assert.Contains("scripted-1 not running", await ScriptAsync("status"), StringComparison.Ordinal);

            await ScriptAsync("start");
            var after = await Poll.UntilAsync(() => PodsAsync(), pods => pods.Running == 2, TimeSpan.FromSeconds(60));
            Assert.Equal(Names(before), Names(after));
        }
        finally
        {
            var stopped = await ScriptAsync("stop");
            output.WriteLine(stopped);
        }

        var status = await ScriptAsync("status");
        Assert.Equal(["azurite not running", "redis not running", "scripted-1 not running"], status.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_state, recursive: true);
        return Task.CompletedTask;
    }

    private static SortedSet<string> Names(PodList pods) => [.. pods.Items.Select(p => (string)p["metadata"]!["uid"]!)];

    private async Task<PodList> PodsAsync()
    {
        var result = await OkubeAsync(null, "get", "pods", "-n", "scripted", "-o", "json");
        return new PodList(result.ExitCode == 0 ? [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!)] : []);
    }

    private Task<Okube.Result> OkubeAsync(string? input, params string[] args) =>
        Okube.RunThroughRedisAsync($"127.0.0.1:{_redisPort}", input, args);

    private async Task<string> ScriptAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "durable-cluster"));
        info.ArgumentList.Add(command);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await script.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        Assert.True(script.ExitCode == 0, $"durable-cluster {command} exited with {script.ExitCode}:\n{text}\n{await stderr}");
        return text;
    }

    private const string Sleepers = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: scripted
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleepers
          namespace: scripted
        spec:
          replicas: 2
          selector:
            matchLabels: {app: sleepers}
          template:
            metadata:
              labels: {app: sleepers}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
                - name: c
                  image: busybox:1.36
                  command: ["sleep", "86404"]
        """;
}
