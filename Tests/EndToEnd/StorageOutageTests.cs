using System.Diagnostics;
using OrleansKube.Tests.Redis;
using OrleansKube.Tests.Storage;
using Xunit.Abstractions;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>A collection of its own: it stops its Azurite, which no other test may be using meanwhile.</summary>
[CollectionDefinition(Name)]
public sealed class StorageOutageCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<RedisFixture>
{
    public const string Name = "storage outage";
}

/// <summary>The durable profile losing its storage for half a minute under running pods.</summary>
[Collection(StorageOutageCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite, RedisFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Pods_keep_running_through_a_storage_outage_and_the_cluster_converges_after_it()
    {
        const string ns = "weathering";
        await using var cluster = await DurableCluster.StartAsync(redis, azurite, output, "Outage", ["weathering-1", "weathering-2"]);
        await cluster.RunAsync(async () =>
        {
            Assert.Equal(0, (await cluster.OkubeAsync(DurableCluster.Manifest(ns, "weathering-sim"), "apply", "-f", "-")).ExitCode);
            var before = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.RunningPods == 5 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            var processes = await Poll.UntilAsync(() => Task.FromResult(DurableCluster.PodProcesses(ns)), p => p.Count == 3, TimeSpan.FromSeconds(10));

            await azurite.StopAsync();
            var outage = Stopwatch.StartNew();
            try
            {
                var scale = await cluster.OkubeAsync(null, "scale", "deployment", "real", "--replicas", "4", "-n", ns);
                output.WriteLine($"scale during the outage, after {outage.Elapsed.TotalSeconds:0.0} s: {scale}");
                Assert.Equal(1, scale.ExitCode);
                Assert.StartsWith("error: the cluster's storage is unavailable, try again later: ", scale.Stderr, StringComparison.Ordinal);
                Assert.Contains("deployment/weathering/real", scale.Stderr, StringComparison.Ordinal);

                // Through the Kubernetes API the same refusal is a 503 Status, with no exception text.
                using var http = new HttpClient { BaseAddress = new Uri(cluster.ApiServer), Timeout = TimeSpan.FromSeconds(90) };
                using var patch = new StringContent("""{"spec":{"replicas":4}}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
                using var refused = await http.PatchAsync($"/apis/apps/v1/namespaces/{ns}/deployments/real", patch);
                var status = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
                output.WriteLine($"HTTP patch during the outage: {(int)refused.StatusCode} {status.ToJsonString()}");
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("ServiceUnavailable", (string?)status["reason"]);
                Assert.DoesNotContain("   at ", (string?)status["message"]);

                var create = await cluster.OkubeAsync(DurableCluster.Deployment(ns, "late", replicas: 1), "apply", "-f", "-");
                output.WriteLine($"apply during the outage: {create}");
                Assert.Equal(1, create.ExitCode);
                Assert.StartsWith("error: the cluster's storage is unavailable, try again later: ", create.Stderr, StringComparison.Ordinal);
                Assert.Contains("deployment/weathering/late", create.Stderr, StringComparison.Ordinal);

                // Thirty seconds without storage: the same processes run on throughout.
                while (outage.Elapsed < TimeSpan.FromSeconds(30))
                {
                    Assert.Equal(processes, DurableCluster.PodProcesses(ns));
                    await Task.Delay(500);
                }
            }
            finally
            {
                await azurite.StartAsync();
            }

            // The scale refused during the outage goes through now, and the deployment converges on it.
            var recovery = Stopwatch.StartNew();
            await Poll.UntilAsync(() => cluster.OkubeAsync(null, "scale", "deployment", "real", "--replicas", "4", "-n", ns), r => r.ExitCode == 0, TimeSpan.FromSeconds(60));
            var accepted = recovery.Elapsed;
            var after = await Poll.UntilAsync(() => cluster.SnapshotAsync(ns), s => s.RunningPods == 6 && s.AtFullStrength, TimeSpan.FromSeconds(60));
            output.WriteLine($"after storage returned: the scale accepted within {accepted.TotalSeconds:0.0} s, 4/4 ready within {recovery.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(processes, DurableCluster.PodProcesses(ns).Intersect(processes).ToHashSet());
            Assert.Subset(after.Pods.Keys.ToHashSet(), before.Pods.Keys.ToHashSet());

            // What was refused left nothing behind: the deployment made during the outage does not exist, and can be made now.
            var late = await cluster.OkubeAsync(null, "get", "deployment", "late", "-n", ns);
            Assert.Equal("error: deployments.apps \"late\" not found", late.Stderr.Trim());
            Assert.Equal(0, (await cluster.OkubeAsync(DurableCluster.Deployment(ns, "late", replicas: 1), "apply", "-f", "-")).ExitCode);

            // The objects kept their identity; the scaled deployment went one generation on.
            Assert.Equal(before.Uids, after.Uids);
            Assert.Equal(2, (long?)after.Deployments.Single(d => (string?)d["metadata"]!["name"] == "real")["metadata"]!["generation"]);
        });
    }
}
