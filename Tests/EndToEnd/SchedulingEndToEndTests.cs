using System.Text.Json.Nodes;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>Simulated nodes and the scheduler, driven with <c>okube</c> as README shows.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class SchedulingEndToEndTests(SiloClusterFixture cluster)
{
    private string Gateway => cluster.First.Gateway;

    [Fact]
    public async Task Pods_on_simulated_nodes_are_placed_as_the_scoring_says()
    {
        try
        {
            var nodes = await Okube.RunAsync(Gateway, "apply", "-f", Path.Combine(Repository.Samples, "simulated-nodes.yaml"));
            Assert.True(nodes.ExitCode == 0, nodes.ToString());
            Assert.Contains("node/sim-large created", nodes.Stdout);

            var listed = await Okube.RunAsync(cluster.Second.Gateway, "get", "nodes", "-o", "wide");
            Assert.True(listed.ExitCode == 0, listed.ToString());
            Assert.Contains(listed.Stdout.Split('\n'), line => line.StartsWith("sim-medium ", StringComparison.Ordinal) && line.Contains("Ready") && line.Contains("8Gi"));

            var pods = await Okube.RunAsync(Gateway, "apply", "-f", Path.Combine(Repository.Samples, "scheduling-pods.yaml"));
            Assert.True(pods.ExitCode == 0, pods.ToString());

            var table = await PollAsync(
                () => Okube.RunAsync(Gateway, "get", "pods", "-n", "scheduling", "-o", "wide"),
                result => Row(result, "web").Contains("Running") && Row(result, "batch").Contains("Running"));
            Assert.EndsWith("sim-medium", Row(table, "web"));
            Assert.EndsWith("sim-large", Row(table, "batch"));
            Assert.Contains("Pending", Row(table, "impossible"));

            var json = await Okube.RunAsync(Gateway, "get", "pod", "web", "-n", "scheduling", "-o", "json");
            Assert.Equal("sim-medium", (string?)JsonNode.Parse(json.Stdout)!["spec"]!["nodeName"]);

            var described = await PollAsync(
                () => Okube.RunAsync(Gateway, "describe", "pod", "impossible", "-n", "scheduling"),
                result => result.Stdout.Contains("FailedScheduling"));
            // Three simulated nodes, and the two silos' own nodes, which this collection taints.
            Assert.Contains("0/5 nodes are available: ", described.Stdout);
            Assert.Contains("2 Insufficient cpu", described.Stdout);
            Assert.Contains("1 node(s) had untolerated taint {dedicated: batch}", described.Stdout);

            var cordoned = await Okube.RunAsync(Gateway, "cordon", "sim-small");
            Assert.Equal("node/sim-small cordoned", cordoned.Stdout.Trim());
            var afterCordon = await Okube.RunAsync(Gateway, "get", "node", "sim-small");
            Assert.Contains("Ready,SchedulingDisabled", afterCordon.Stdout);
            Assert.Equal("node/sim-small uncordoned", (await Okube.RunAsync(Gateway, "uncordon", "sim-small")).Stdout.Trim());
        }
        finally
        {
            await Okube.RunAsync(Gateway, "delete", "namespace", "scheduling");
            foreach (var node in new[] { "sim-small", "sim-medium", "sim-large" })
            {
                await Okube.RunAsync(Gateway, "delete", "node", node);
            }
        }
    }

    private static string Row(Okube.Result result, string name) =>
        result.Stdout.Split('\n').FirstOrDefault(line => line.StartsWith(name + " ", StringComparison.Ordinal))?.TrimEnd() ?? "";

    private static async Task<Okube.Result> PollAsync(Func<Task<Okube.Result>> run, Func<Okube.Result, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await run();
            if (done(result))
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("never reached: " + result);
            }

            await Task.Delay(250);
        }
    }
}
