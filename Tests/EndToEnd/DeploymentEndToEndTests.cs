using System.Text.Json.Nodes;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>The deployment controller as a user meets it: okube against real silos, on simulated nodes.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class DeploymentEndToEndTests(SiloClusterFixture cluster)
{
    private const string Namespace = "rollouts";

    private string Gateway => cluster.First.Gateway;

    [Fact]
    public async Task Scale_heal_roll_out_undo_and_delete_a_deployment()
    {
        try
        {
            Assert.Equal(0, (await Okube.RunWithInputAsync(Gateway, Nodes(), "apply", "-f", "-")).ExitCode);
            Assert.Equal(0, (await Okube.RunAsync(Gateway, "create", "namespace", Namespace)).ExitCode);
            var applied = await Okube.RunWithInputAsync(Gateway, Deployment(replicas: 5, image: "nginx:1.27"), "apply", "-f", "-");
            Assert.True(applied.ExitCode == 0, applied.ToString());
            await RolloutStatusAsync();
            Assert.Equal(5, await RunningPodsAsync());

            var scaled = await Okube.RunAsync(Gateway, "scale", "deployment", "web", "--replicas", "12", "-n", Namespace);
            Assert.Equal("deployment.apps/web scaled", scaled.Stdout.Trim());
            await RolloutStatusAsync();
            Assert.Equal(12, await RunningPodsAsync());

            var victim = (await PodsAsync()).First();
            var victimUid = (string?)victim["metadata"]!["uid"];
            Assert.Equal(0, (await Okube.RunAsync(Gateway, "delete", "pod", (string)victim["metadata"]!["name"]!, "-n", Namespace)).ExitCode);
            await PollAsync(async () => (await PodsAsync()).Count(p => Running(p) && (string?)p["metadata"]!["uid"] != victimUid) == 12);

            Assert.Equal(0, (await Okube.RunWithInputAsync(Gateway, Deployment(replicas: 12, image: "nginx:1.28"), "apply", "-f", "-")).ExitCode);
            var status = await RolloutStatusAsync();
            Assert.Contains("deployment \"web\" successfully rolled out", status.Stdout);
            Assert.All(await PodsAsync(), pod => Assert.Equal("nginx:1.28", (string?)pod["spec"]!["containers"]![0]!["image"]));

            var history = await Okube.RunAsync(Gateway, "rollout", "history", "deployment", "web", "-n", Namespace);
            Assert.Contains("REVISION", history.Stdout);
            Assert.Contains("2 ", history.Stdout);

            var undone = await Okube.RunAsync(Gateway, "rollout", "undo", "deployment", "web", "-n", Namespace);
            Assert.Equal("deployment.apps/web rolled back", undone.Stdout.Trim());
            await RolloutStatusAsync();
            await PollAsync(async () => (await PodsAsync()) is var pods && pods.Count == 12 &&
                pods.All(p => Running(p) && (string?)p["spec"]!["containers"]![0]!["image"] == "nginx:1.27"));

            var described = await Okube.RunAsync(Gateway, "describe", "deployment", "web", "-n", Namespace);
            Assert.Contains("ScalingReplicaSet", described.Stdout);
            var events = await Okube.RunAsync(Gateway, "get", "events", "-n", Namespace);
            Assert.Contains("deployment/web", events.Stdout);

            Assert.Equal(0, (await Okube.RunAsync(Gateway, "delete", "deployment", "web", "-n", Namespace)).ExitCode);
            Assert.Empty(await PodsAsync());
        }
        finally
        {
            await Okube.RunAsync(Gateway, "delete", "namespace", Namespace);
            foreach (var node in new[] { "roll-1", "roll-2", "roll-3" })
            {
                await Okube.RunAsync(Gateway, "delete", "node", node);
            }
        }
    }

    private async Task<Okube.Result> RolloutStatusAsync()
    {
        var result = await Okube.RunAsync(Gateway, "rollout", "status", "deployment", "web", "-n", Namespace, "--timeout", "60s");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private async Task<List<JsonNode>> PodsAsync()
    {
        var result = await Okube.RunAsync(cluster.Second.Gateway, "get", "pods", "-n", Namespace, "-l", "app=web", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(item => item!)];
    }

    private async Task<int> RunningPodsAsync() => (await PodsAsync()).Count(Running);

    private static bool Running(JsonNode pod) => (string?)pod["status"]?["phase"] == "Running";

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(250);
        }
    }

    private static string Nodes() => string.Join("---\n", Enumerable.Range(1, 3).Select(i => $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: roll-{i}
          annotations:
            okube.io/simulated: "true"
        status:
          capacity:
            cpu: "16"
            memory: 32Gi

        """));

    private static string Deployment(int replicas, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {Namespace}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: {image}
                  command: ["nginx", "-g", "daemon off;"]
                  resources:
                    requests:
                      cpu: 100m
                      memory: 64Mi

        """;
}
