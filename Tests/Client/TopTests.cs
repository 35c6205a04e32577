using System.Collections.Immutable;
using OrleansKube.Client.Output;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube top nodes|pods</c> against <see cref="FakeCluster"/>: kubectl's tables, units and words for missing metrics.</summary>
public sealed class TopTests
{
    private const long Mi = 1024 * 1024;

    private readonly FakeCluster _cluster = new();

    [Theory]
    [InlineData(950, "3800m", "25%")]
    [InlineData(1999, "2", "99%")]
    [InlineData(2000, "2", "100%")]
    [InlineData(4500, "4", "112%")]
    [InlineData(0, "4", "0%")]
    [InlineData(290, "1", "28%")]
    [InlineData(1536 * Mi * 1000, "7Gi", "21%")]
    [InlineData(250, "0", "<unknown>")]
    [InlineData(250, null, "<unknown>")]
    public void Percentages_are_of_the_allocatable_and_rounded_down_as_kubectl_does(long milliUsed, string? allocatable, string expected) =>
        Assert.Equal(expected, MetricsTable.Percent(milliUsed, allocatable is null ? null : Quantity.Parse(allocatable)));

    [Theory]
    [InlineData(0, "0Mi")]
    [InlineData(Mi - 1, "0Mi")]
    [InlineData(1536 * Mi, "1536Mi")]
    [InlineData((3 * 1024 * Mi) + (Mi / 2), "3072Mi")]
    public void Memory_is_whole_mebibytes(long bytes, string expected) => Assert.Equal(expected, MetricsTable.Memory(bytes));

    [Fact]
    public async Task Top_nodes_prints_use_and_shares_and_puts_nodes_without_metrics_last()
    {
        _cluster.Put(TestObjects.Node("node-0"));
        _cluster.Put(TestObjects.Node("node-1"));
        _cluster.Put(TestObjects.Node("node-2") with { Status = TestObjects.Node("node-2").Status! with { Allocatable = Allocatable("2", "4Gi") } });
        _cluster.Put(TestObjects.Node("sim-a"));
        _cluster.SetMetrics("node-2", Measured(1999, 4095 * Mi));
        _cluster.SetMetrics("node-1", Measured(950, 1536 * Mi));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("top", "nodes"));
        Assert.Equal(
            "NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)\n" +
            "node-1   950m         25%         1536Mi          21%\n" +
            "node-2   1999m        99%         4095Mi          99%\n" +
            "node-0   <unknown>    <unknown>   <unknown>       <unknown>\n" +
            "sim-a    <unknown>    <unknown>   <unknown>       <unknown>\n",
            terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
        Assert.Equal(4, _cluster.MetricsCalls);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("no")]
    public async Task Top_nodes_without_any_metrics_fails_as_kubectl(string kind)
    {
        _cluster.Put(TestObjects.Node("sim-a"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("top", kind));
        Assert.Equal("error: metrics not available yet\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    public static TheoryData<string[], string> PodTables() => new()
    {
        {
            ["top", "pods"],
            "NAME    CPU(cores)   MEMORY(bytes)\n" +
            "web-1   105m         80Mi\n" +
            "web-2   3m           0Mi\n"
        },
        {
            ["top", "po", "-n", "demo"],
            "NAME    CPU(cores)   MEMORY(bytes)\n" +
            "api-0   1200m        512Mi\n"
        },
        {
            ["top", "pod", "-A"],
            "NAMESPACE   NAME    CPU(cores)   MEMORY(bytes)\n" +
            "default     web-1   105m         80Mi\n" +
            "default     web-2   3m           0Mi\n" +
            "demo        api-0   1200m        512Mi\n"
        },
        {
            ["top", "pods", "--containers"],
            "POD     NAME      CPU(cores)   MEMORY(bytes)\n" +
            "web-1   web       100m         64Mi\n" +
            "web-1   sidecar   5m           16Mi\n" +
            "web-2   web       3m           0Mi\n"
        },
        {
            ["top", "pods", "-A", "--containers"],
            "NAMESPACE   POD     NAME      CPU(cores)   MEMORY(bytes)\n" +
            "default     web-1   web       100m         64Mi\n" +
            "default     web-1   sidecar   5m           16Mi\n" +
            "default     web-2   web       3m           0Mi\n" +
            "demo        api-0   web       1200m        512Mi\n"
        },
    };

    [Theory]
    [MemberData(nameof(PodTables))]
    public async Task Top_pods_prints_what_each_pods_own_node_measured(string[] args, string expected)
    {
        // web-1 and new-1 on node-1, web-2 on node-2, demo/api-0 on node-3. node-1 has not measured new-1 yet, and
        // also reports web-2, which is not its pod any more; only node-2's figures for web-2 count.
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("demo"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.RunningPod("new-1"));
        _cluster.Put(OnNode(TestObjects.RunningPod("web-2"), "node-2"));
        _cluster.Put(OnNode(TestObjects.RunningPod("api-0", ns: "demo"), "node-3"));
        _cluster.SetMetrics("node-1", Measured(500, 900 * Mi, PodUse("default", "web-1", ("web", 100, 64 * Mi), ("sidecar", 5, 16 * Mi)), PodUse("default", "web-2", ("web", 999, 999 * Mi))));
        _cluster.SetMetrics("node-2", Measured(100, 100 * Mi, PodUse("default", "web-2", ("web", 3, 1000))));
        _cluster.SetMetrics("node-3", Measured(1300, 600 * Mi, PodUse("demo", "api-0", ("web", 1200, 512 * Mi))));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync(args));
        Assert.Equal(expected, terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
        Assert.Equal(args.Contains("-A") ? 3 : args.Contains("demo") ? 1 : 2, _cluster.MetricsCalls);
    }

    [Theory]
    [InlineData(new[] { "top", "pods", "-n", "empty" }, "No resources found in empty namespace.\n")]
    [InlineData(new[] { "top", "pods", "-A" }, "No resources found\n")]
    public async Task Top_pods_without_pods_says_so_as_kubectl(string[] args, string expected)
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("empty"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync(args));
        Assert.Equal(expected, terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(0, _cluster.MetricsCalls);
    }

    [Theory]
    [InlineData(30, 90, "error: metrics not available yet\n")]
    [InlineData(30, 300, "error: Metrics not available for pod default/web-2, age: 5m0s\n")]
    [InlineData(3900, 300, "error: Metrics not available for pod default/web-1, age: 1h5m0s\n")]
    public async Task Top_pods_without_any_metrics_blames_the_first_pod_old_enough_to_have_some(int firstAgeSeconds, int secondAgeSeconds, string expected)
    {
        _cluster.Put(TestObjects.RunningPod("web-1", age: TimeSpan.FromSeconds(firstAgeSeconds)));
        _cluster.Put(TestObjects.RunningPod("web-2", age: TimeSpan.FromSeconds(secondAgeSeconds)));
        _cluster.Put(TestObjects.PendingPod("web-3"));
        _cluster.SetMetrics("node-1", Measured(10, Mi));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("top", "pods"));
        Assert.Equal(expected, terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    private static Pod OnNode(Pod pod, string node) => pod with { Spec = pod.Spec with { NodeName = node } };

    private static ImmutableSortedDictionary<string, Quantity> Allocatable(string cpu, string memory) =>
        ImmutableSortedDictionary<string, Quantity>.Empty.Add("cpu", Quantity.Parse(cpu)).Add("memory", Quantity.Parse(memory));

    private static NodeMetrics Measured(long cpu, long memory, params PodMetrics[] pods) => new()
    {
        Timestamp = TestObjects.Now,
        Window = TimeSpan.FromSeconds(10),
        Usage = new ResourceUsage { CpuMillicores = cpu, MemoryBytes = memory },
        Pods = [.. pods],
    };

    private static PodMetrics PodUse(string @namespace, string name, params (string Name, long Cpu, long Memory)[] containers) => new()
    {
        Namespace = @namespace,
        Name = name,
        Containers = [.. containers.Select(c => new ContainerMetrics { Name = c.Name, Usage = new ResourceUsage { CpuMillicores = c.Cpu, MemoryBytes = c.Memory } })],
    };
}
