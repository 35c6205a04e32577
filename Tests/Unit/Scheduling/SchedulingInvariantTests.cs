using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;
using OrleansKube.Scheduling.Plugins;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

/// <summary>What holds for any cluster and any pod: checked over generated worlds, and over a large cluster that is sampled.</summary>
public sealed class SchedulingInvariantTests
{
    private static readonly IFilterPlugin[] AllFilters =
        [new NodeReady(), new NodeUnschedulable(), new NodeNameFit(), new NodeSelectorFit(), new TaintToleration(), new NodeResourcesFit()];

    private static readonly string[] Effects = [TaintEffects.NoSchedule, TaintEffects.PreferNoSchedule, TaintEffects.NoExecute];
    private static readonly string[] Zones = ["a", "b", "c"];

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 10)]
    [InlineData(5, 100)]
    [InlineData(6, 0)]
    public void Never_picks_a_node_a_filter_refuses_nor_overcommits_one(int seed, int percentage)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, 300).Select(i => RandomNode(random, $"node-{i}")).ToArray();
        var algorithm = Algorithm(new() { PercentageOfNodesToScore = percentage }, new Random(seed));
        var (placed, refused) = (0, 0);

        for (var i = 0; i < 2000; i++)
        {
            var pod = RandomPod(random, $"pod-{i}", nodes);
            var result = algorithm.Schedule(pod, nodes);
            if (result.Node is { } node)
            {
                Assert.Null(result.FailureMessage);
                Assert.All(AllFilters, filter => Assert.Null(filter.Filter(pod, node)));
                node.Add(pod);
                Assert.True(node.PodCount <= node.AllocatablePods, $"{node.Name} has {node.PodCount} pods");
                Assert.True(pod.CpuMilli == 0 || node.RequestedCpuMilli <= node.AllocatableCpuMilli, $"{node.Name} cpu overcommitted");
                Assert.True(pod.Memory == 0 || node.RequestedMemory <= node.AllocatableMemory, $"{node.Name} memory overcommitted");
                placed++;
            }
            else
            {
                // Every node was looked at, and every one refuses the pod.
                Assert.StartsWith($"0/{nodes.Length} nodes are available: ", result.FailureMessage);
                Assert.All(nodes, n => Assert.Contains(AllFilters, filter => filter.Filter(pod, n) is not null));
                refused++;
            }
        }

        // The world is generated so both outcomes happen often.
        Assert.InRange(placed, 500, 1500);
        Assert.InRange(refused, 500, 1500);
    }

    [Fact]
    public void Large_clusters_are_sampled_from_where_the_last_cycle_stopped()
    {
        // 1000 nodes, all feasible and balanced; 42% (420) are looked at per cycle. Three nodes are emptier than the rest:
        // node-0900 the emptiest, then node-0500, then node-0100. Each cycle picks the emptiest node among those it looked at.
        var nodes = Enumerable.Range(0, 1000)
            .Select(i => Node($"node-{i:D4}", cpuMilli: 1000, memory: 1000 * Mi))
            .ToArray();
        foreach (var node in nodes)
        {
            var used = node.Name switch { "node-0100" => 300, "node-0500" => 200, "node-0900" => 0, _ => 500 };
            if (used > 0)
            {
                node.Used(used, used * Mi);
            }
        }

        var pod = Pod(cpuMilli: 100, memory: 100 * Mi);
        var sampled = Algorithm();
        var picks = Enumerable.Range(0, 3).Select(_ => sampled.Schedule(pod, nodes).Node!.Name).ToList();

        Assert.Equal(["node-0100", "node-0500", "node-0900"], picks);

        // Looking at every node finds the emptiest at once.
        Assert.Equal("node-0900", Algorithm(new() { PercentageOfNodesToScore = 100 }).Schedule(pod, nodes).Node!.Name);
    }

    private static SchedulingAlgorithm Algorithm(SchedulerOptions? options = null, Random? random = null) =>
        new(options ?? new SchedulerOptions(), random ?? new Random(1));

    private static NodeInfo RandomNode(Random random, string name)
    {
        var taints = new List<Taint>();
        if (random.Next(5) == 0)
        {
            taints.Add(Taint("dedicated", random.Next(2) == 0 ? "gpu" : "db", Effects[random.Next(Effects.Length)]));
        }

        var node = Node(
            name,
            cpuMilli: random.Next(0, 9) * 500,
            memory: random.Next(0, 9) * 512 * Mi,
            pods: random.Next(4) == 0 ? null : random.Next(0, 12),
            ready: random.Next(10) != 0,
            unschedulable: random.Next(10) == 0,
            taints: taints,
            labels: Samples.Labels($"zone={Zones[random.Next(Zones.Length)]}", $"kubernetes.io/hostname={name}"));
        return node;
    }

    private static SchedulingPod RandomPod(Random random, string name, NodeInfo[] nodes)
    {
        var tolerations = new List<Toleration>();
        switch (random.Next(6))
        {
            case 0:
                tolerations.Add(new() { Key = "dedicated", Operator = Tolerations.Exists });
                break;
            case 1:
                tolerations.Add(new() { Key = "dedicated", Value = "gpu", Effect = TaintEffects.NoSchedule });
                break;
            case 2:
                tolerations.Add(new() { Key = NodeUnschedulable.TaintKey, Operator = Tolerations.Exists });
                break;
        }

        return Pod(
            name,
            cpuMilli: random.Next(3) == 0 ? 0 : random.Next(1, 2000),
            memory: random.Next(3) == 0 ? 0 : random.Next(1, 2048) * Mi,
            nodeSelector: random.Next(4) == 0 ? Samples.Labels($"zone={Zones[random.Next(Zones.Length)]}") : null,
            tolerations: tolerations,
            nodeName: random.Next(20) == 0 ? nodes[random.Next(nodes.Length)].Name : null);
    }
}
