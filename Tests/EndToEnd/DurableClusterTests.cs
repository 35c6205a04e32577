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

/// <summary>
/// The durable profile as a user runs it: real silos on Azurite and Redis, killed and started again. Each test has a
/// table of its own and starts on an empty Redis.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableClusterTests(AzuriteFixture azurite, RedisFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_object_is_back_after_all_silos_are_killed_and_started_again()
    {
        const string ns = "lasting";
        await using var cluster = await DurableCluster.StartAsync(redis, azurite, output, "Restart", ["lasting-1", "lasting-2"]);
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await cluster.OkubeAsync(DurableCluster.Manifest(ns, "lasting-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));

            await cluster.KillAllAsync();
            var restarted = DateTimeOffset.UtcNow;
            var recovery = Stopwatch.StartNew();
            await cluster.StartAgainAsync(["lasting-1", "lasting-2"]);

            // Only pods are read until the cluster is whole: nothing a client does wakes the deployments.
            await Poll.UntilAsync(() => cluster.PodsAsync(ns), pods => pods.Running == 5 && pods.StartedAfter(restarted) == 3, TimeSpan.FromSeconds(90));
            output.WriteLine($"all 5 pods Running again {recovery.Elapsed.TotalSeconds:0.0} s after the silos were started again");

            var after = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.AtFullStrength, TimeSpan.FromSeconds(30));
            output.WriteLine($"objects applied and found after the restart: {before.Objects.Count} and {after.Objects.Count}; pods {before.Pods.Count} and {after.Pods.Count}");
            Assert.Equal(before.Objects, after.Objects);
            Assert.Equal(before.Pods.Keys, after.Pods.Keys);

            // As after a node restart in Kubernetes: each real container counts one restart, of a container that was lost.
            var real = after.PodList.Items.Where(p => (string?)p["metadata"]!["labels"]?["app"] == "real").ToList();
            Assert.Equal(3, real.Count);
            Assert.All(real, pod =>
            {
                var container = pod["status"]!["containerStatuses"]![0]!;
                Assert.Equal(1, (int?)container["restartCount"]);
                Assert.Equal("ContainerStatusUnknown", (string?)container["lastState"]?["terminated"]?["reason"]);
            });
        });
    }

    [Fact]
    public async Task A_node_that_does_not_come_back_has_its_pods_replaced_without_any_client_call()
    {
        const string ns = "stranded";
        await using var cluster = await DurableCluster.StartAsync(redis, azurite, output, "LostNode", ["stranded-1", "stranded-2", "stranded-3"]);
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await cluster.OkubeAsync(DurableCluster.Manifest(ns, "stranded-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            var lost = before.Pods.Where(p => p.Value == "stranded-3").Select(p => p.Key).ToHashSet();
            Assert.True(lost.Count > 0, $"the scheduler spreads the real pods over the three nodes; none landed on stranded-3: {before}");

            await cluster.KillAllAsync();
            var recovery = Stopwatch.StartNew();
            await cluster.StartAgainAsync(["stranded-1", "stranded-2"]);

            // The node lifecycle controller finds stranded-3 silent, fails its pods, and the deployment replaces them.
            var pods = await Poll.UntilAsync(
                () => cluster.PodsAsync(ns),
                pods => pods.Running == 5 && pods.Items.Count == 5 && !pods.Nodes.Contains("stranded-3"),
                TimeSpan.FromSeconds(120));
            output.WriteLine($"the pods of the node that stayed away replaced {recovery.Elapsed.TotalSeconds:0.0} s after the other silos were started again");

            var after = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.AtFullStrength, TimeSpan.FromSeconds(30));
            Assert.Equal(before.Objects, after.Objects);
            Assert.Equal(before.Pods.Keys.Except(lost).Order(), after.Pods.Keys.Intersect(before.Pods.Keys).Order());
            Assert.Equal(lost.Count, after.Pods.Keys.Except(before.Pods.Keys).Count());
            var node = JsonNode.Parse((await cluster.OkubeAsync(null, "get", "node", "stranded-3", "-o", "json")).Stdout)!;
            Assert.Equal("Unknown", (string?)node["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!["status"]);
        });
    }
}
