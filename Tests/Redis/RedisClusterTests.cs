using System.Text.Json.Nodes;
using OrleansKube.Harness;
using OrleansKube.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansKube.Tests.Redis;

/// <summary>
/// The durable profile's Redis half with real processes: two silos on two addresses that find each other through Redis,
/// and okube that finds them there.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterTests(RedisFixture redis, ITestOutputHelper output)
{
    private const string Namespace = "durable";

    [Fact]
    public async Task Two_silos_with_redis_clustering_and_reminders_form_one_cluster_that_okube_finds_through_redis()
    {
        string[] profile = ["--clustering", "redis", "--reminders", "redis", "--redis", redis.Connection];
        await using var first = await SiloProcess.StartAsync(["--node-name", "redis-1", .. profile]);
        // The second silo is on another address, as a silo on another host would be (127.0.0.2 is loopback too).
        await using var second = await SiloProcess.StartAsync(["--node-name", "redis-2", "--address", "127.0.0.2", .. profile]);
        try
        {
            // Each silo's gateway serves the whole cluster: both nodes, seen from either side.
            foreach (var gateway in new[] { first.Gateway, second.Gateway })
            {
                var nodes = await Poll.UntilAsync(() => Okube.RunAsync(gateway, "get", "nodes"), BothNodesReady, TimeSpan.FromSeconds(30));
                Assert.Equal(0, nodes.ExitCode);
            }

            var found = await Okube.RunThroughRedisAsync(redis.Connection, null, "get", "nodes", "-o", "wide");
            Assert.True(found.ExitCode == 0, found.ToString());
            Assert.True(BothNodesReady(found), found.ToString());
            Assert.Matches(@"(?m)^redis-1 .* 127\.0\.0\.1 ", found.Stdout);
            Assert.Matches(@"(?m)^redis-2 .* 127\.0\.0\.2 ", found.Stdout);

            var applied = await Okube.RunThroughRedisAsync(redis.Connection, Manifest, "apply", "-f", "-");
            Assert.True(applied.ExitCode == 0, applied.ToString());
            Assert.Equal("namespace/durable created\ndeployment.apps/sleeper created\n", applied.Stdout);

            var pods = await Poll.UntilAsync(
                () => Okube.RunThroughRedisAsync(redis.Connection, null, "get", "pods", "-n", Namespace, "-o", "json"),
                result => result.ExitCode == 0 && Pods(result).Count == 2 && Pods(result).All(pod => (string?)pod["status"]?["phase"] == "Running"),
                TimeSpan.FromSeconds(30));
            Assert.All(Pods(pods), pod => Assert.Contains((string?)pod["spec"]?["nodeName"], new[] { "redis-1", "redis-2" }));

            var all = await Poll.UntilAsync(
                () => Okube.RunThroughRedisAsync(redis.Connection, null, "get", "all", "-n", Namespace),
                result => result.Stdout.Contains("deployment.apps/sleeper   2/2", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30));
            Assert.Matches("(?m)^pod/sleeper-[a-z0-9-]+ +1/1 +Running ", all.Stdout);

            // The membership and the deployment controller's reminder are kept in Redis, not in a silo's memory.
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
            var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys().Select(key => key.ToString()).ToList();
            Assert.Contains(keys, key => key.Contains("/members/", StringComparison.Ordinal));
            Assert.Contains(keys, key => key.EndsWith("/reminders", StringComparison.Ordinal));
        }
        catch
        {
            output.WriteLine($"--- silo redis-1\n{first.Output}\n--- silo redis-2\n{second.Output}");
            throw;
        }
    }

    private static bool BothNodesReady(Okube.Result result) =>
        System.Text.RegularExpressions.Regex.IsMatch(result.Stdout, "(?m)^redis-1 +Ready ") &&
        System.Text.RegularExpressions.Regex.IsMatch(result.Stdout, "(?m)^redis-2 +Ready ");

    private static List<JsonNode> Pods(Okube.Result result) =>
        [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(item => item!)];

    private const string Manifest = $"""
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
          replicas: 2
          selector:
            matchLabels:
              app: sleeper
          template:
            metadata:
              labels:
                app: sleeper
            spec:
              terminationGracePeriodSeconds: 1
              containers:
                - name: sleeper
                  image: busybox:1.36
                  command: ["sleep", "3600"]
        """;
}
