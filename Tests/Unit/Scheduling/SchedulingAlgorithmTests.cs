using OrleansKube.Scheduling;
using OrleansKube.Scheduling.Plugins;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class SchedulingAlgorithmTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(50, 0, 50)]
    [InlineData(99, 0, 99)]
    [InlineData(100, 0, 100)]
    [InlineData(200, 0, 100)] // 49% is 98: never fewer than 100
    [InlineData(250, 0, 120)] // 48%
    [InlineData(1000, 0, 420)] // 42%
    [InlineData(5000, 0, 500)] // 10%
    [InlineData(6000, 0, 300)] // 2%, raised to 5%
    [InlineData(10000, 0, 500)]
    [InlineData(1000, 100, 1000)]
    [InlineData(2000, 10, 200)]
    [InlineData(500, 10, 100)] // 50 is fewer than 100
    [InlineData(50, 10, 50)] // small clusters are searched whole
    [InlineData(1000, 1, 100)]
    [InlineData(1000, 50, 500)]
    public void Number_of_feasible_nodes_to_find(int nodes, int percentage, int expected) =>
        Assert.Equal(expected, SchedulingAlgorithm.NumFeasibleNodesToFind(nodes, percentage));

    [Fact]
    public void Least_allocated_picks_the_emptier_node()
    {
        var nodes = new[]
        {
            Node("half", cpuMilli: 1000, memory: 1000 * Mi).Used(500, 500 * Mi),
            Node("empty", cpuMilli: 1000, memory: 1000 * Mi),
            Node("quarter", cpuMilli: 1000, memory: 1000 * Mi).Used(250, 250 * Mi),
        };

        var result = Algorithm().Schedule(Pod(cpuMilli: 100, memory: 100 * Mi), nodes);

        Assert.Equal("empty", result.Node?.Name);
        Assert.Null(result.FailureMessage);
    }

    [Fact]
    public void Most_allocated_picks_the_fullest_node_that_still_fits()
    {
        var nodes = new[]
        {
            Node("empty", cpuMilli: 1000, memory: 1000 * Mi),
            Node("full", cpuMilli: 1000, memory: 1000 * Mi).Used(950, 950 * Mi),
            Node("half", cpuMilli: 1000, memory: 1000 * Mi).Used(500, 500 * Mi),
            Node("quarter", cpuMilli: 1000, memory: 1000 * Mi).Used(250, 250 * Mi),
        };

        var result = Algorithm(new() { ScoringStrategy = ScoringStrategy.MostAllocated }).Schedule(Pod(cpuMilli: 100, memory: 100 * Mi), nodes);

        Assert.Equal("half", result.Node?.Name);
    }

    // "even" ends at 0.5 cpu and 0.5 memory: resource score 50 (83 normalised), balanced 100.
    // "lopsided" ends at 0.2 cpu and 0.6 memory: resource score 60 (100 normalised), balanced 80.
    [Theory]
    [InlineData(ScoringStrategy.LeastAllocated, 1, 1, "even")] // 183 against 180
    [InlineData(ScoringStrategy.LeastAllocated, 1, 0, "lopsided")]
    [InlineData(ScoringStrategy.LeastAllocated, 0, 1, "even")] // balanced only
    [InlineData(ScoringStrategy.LeastAllocated, -1, 1, "even")] // negative counts as 0
    [InlineData(ScoringStrategy.LeastAllocated, 2, 1, "lopsided")] // 266 against 280
    [InlineData(ScoringStrategy.LeastAllocated, 2, 3, "even")]
    [InlineData(ScoringStrategy.MostAllocated, 1, 1, "even")]
    [InlineData(ScoringStrategy.MostAllocated, 1, 0, "even")]
    public void Weights_decide_between_the_scores(ScoringStrategy strategy, int resourceWeight, int balancedWeight, string expected)
    {
        var nodes = new[]
        {
            Node("lopsided", cpuMilli: 1000, memory: 1000 * Mi).Used(100, 500 * Mi),
            Node("even", cpuMilli: 1000, memory: 1000 * Mi).Used(400, 400 * Mi),
        };
        var options = new SchedulerOptions { ScoringStrategy = strategy, ResourceWeight = resourceWeight, BalancedAllocationWeight = balancedWeight };

        // Both orders, so the winner is not an accident of position.
        Assert.Equal(expected, Algorithm(options).Schedule(Pod(cpuMilli: 100, memory: 100 * Mi), nodes).Node?.Name);
        Assert.Equal(expected, Algorithm(options).Schedule(Pod(cpuMilli: 100, memory: 100 * Mi), [nodes[1], nodes[0]]).Node?.Name);
    }

    [Fact]
    public void Ties_are_broken_at_random_among_the_best_only()
    {
        var nodes = new[]
        {
            Node("tie-a"),
            Node("busy").Used(1000, 1 * Gi),
            Node("tie-b"),
            Node("tie-c"),
        };
        var algorithm = Algorithm(random: new Random(7));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < 600; i++)
        {
            var name = algorithm.Schedule(Pod(cpuMilli: 100, memory: 100 * Mi), nodes).Node!.Name;
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        Assert.Equal(["tie-a", "tie-b", "tie-c"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, count => Assert.InRange(count, 120, 280)); // about 200 each
    }

    [Fact]
    public void A_single_feasible_node_is_chosen_without_scoring()
    {
        var nodes = new[] { Node("cordoned", unschedulable: true), Node("open"), Node("down", ready: false) };

        Assert.Equal("open", Algorithm().Schedule(Pod(), nodes).Node?.Name);
    }

    public static TheoryData<string, NodeInfo[], SchedulingPod> Failures => new()
    {
        {
            "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.",
            [Node("a", cpuMilli: 100), Node("gpu", taints: [Taint("dedicated", "gpu", TaintEffects.NoSchedule)]), Node("b", cpuMilli: 100)],
            Pod(cpuMilli: 500)
        },
        {
            // A node short of both cpu and memory counts under both.
            "0/2 nodes are available: 2 Insufficient memory, 1 Insufficient cpu.",
            [Node("small", cpuMilli: 100, memory: 100 * Mi), Node("low-memory", cpuMilli: 1000, memory: 100 * Mi)],
            Pod(cpuMilli: 500, memory: 500 * Mi)
        },
        {
            // Equal counts are ordered by the reason text, ordinally.
            "0/4 nodes are available: 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were not ready, 1 node(s) were unschedulable.",
            [
                Node("down", ready: false, labels: Samples.Labels("zone=a")),
                Node("cordoned", unschedulable: true, labels: Samples.Labels("zone=a")),
                Node("elsewhere", labels: Samples.Labels("zone=b")),
                Node("crowded", pods: 1, labels: Samples.Labels("zone=a")).Used(0, 0),
            ],
            Pod(nodeSelector: Samples.Labels("zone=a"))
        },
        {
            // Only the first filter that refuses a node is counted, as the framework stops there.
            "0/1 nodes are available: 1 node(s) were not ready.",
            [Node("down", ready: false, cpuMilli: 100, taints: [Taint("dedicated", "gpu", TaintEffects.NoSchedule)])],
            Pod(cpuMilli: 500)
        },
        {
            "0/2 nodes are available: 2 node(s) didn't match the requested node name.",
            [Node("a"), Node("b")],
            Pod(nodeName: "c")
        },
        {
            "0/3 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {team: ml}.",
            [
                Node("ml", taints: [Taint("team", "ml", TaintEffects.NoExecute)]),
                Node("gpu-1", taints: [Taint("dedicated", "gpu", TaintEffects.NoSchedule)]),
                Node("gpu-2", taints: [Taint("dedicated", "gpu", TaintEffects.NoSchedule)]),
            ],
            Pod()
        },
        {
            "0/0 nodes are available: no nodes available to schedule pods.",
            [],
            Pod()
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failure_message_counts_the_reasons(string expected, NodeInfo[] nodes, SchedulingPod pod)
    {
        var result = Algorithm().Schedule(pod, nodes);

        Assert.Null(result.Node);
        Assert.Equal(expected, result.FailureMessage);
    }

    [Fact]
    public void Failure_message_orders_by_count_then_reason()
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["node(s) were unschedulable"] = 1,
            ["Insufficient memory"] = 4,
            ["Insufficient cpu"] = 4,
            ["Too many pods"] = 7,
            ["node(s) were not ready"] = 1,
        };

        Assert.Equal(
            "0/12 nodes are available: 7 Too many pods, 4 Insufficient cpu, 4 Insufficient memory, 1 node(s) were not ready, 1 node(s) were unschedulable.",
            SchedulingAlgorithm.FailureMessage(12, reasons));
    }

    [Fact]
    public void Pods_assumed_one_after_another_spread_out_and_then_run_out_of_room()
    {
        var nodes = new[] { Node("a", cpuMilli: 1000), Node("b", cpuMilli: 1000), Node("c", cpuMilli: 1000) };
        var algorithm = Algorithm();
        var placed = new List<string>();

        for (var i = 0; i < 6; i++)
        {
            var pod = Pod($"p{i}", cpuMilli: 500, memory: 100 * Mi);
            var node = algorithm.Schedule(pod, nodes).Node!;
            node.Add(pod);
            placed.Add(node.Name);
        }

        Assert.Equal(["a", "b", "c"], placed.Take(3).Order(StringComparer.Ordinal));
        Assert.All(nodes, node => Assert.Equal(1000, node.RequestedCpuMilli));
        Assert.Equal(
            "0/3 nodes are available: 3 Insufficient cpu.",
            algorithm.Schedule(Pod("p6", cpuMilli: 500), nodes).FailureMessage);
        Assert.NotNull(algorithm.Schedule(Pod("no-requests"), nodes).Node);
    }

    private static SchedulingAlgorithm Algorithm(SchedulerOptions? options = null, Random? random = null) =>
        new(options ?? new SchedulerOptions(), random ?? new Random(1));
}
