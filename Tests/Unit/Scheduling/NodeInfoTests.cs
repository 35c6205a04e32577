using OrleansKube.Model.Nodes;
using OrleansKube.Scheduling;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class NodeInfoTests
{
    [Fact]
    public void Reads_what_the_node_offers()
    {
        var info = NodeInfo.From(Samples.Node());

        Assert.Equal("node-1.example.com", info.Name);
        Assert.Equal(3800, info.AllocatableCpuMilli);
        Assert.Equal(7680 * Mi, info.AllocatableMemory);
        Assert.Equal(110, info.AllocatablePods);
        Assert.Equal(Samples.Labels("kubernetes.io/hostname=node-1"), info.Labels);
        Assert.Equal(Samples.Node().Spec.Taints, info.Taints);
        Assert.True(info.Ready);
        Assert.False(info.Unschedulable);
        Assert.Equal((0L, 0L, 0L, 0L, 0), Requested(info));
    }

    // Allocatable and capacity as "name=quantity" joined by ",".
    [Theory]
    [InlineData("cpu=2,memory=1Gi,pods=20", "cpu=4,memory=2Gi,pods=30", 2000, 1024, 20)]
    [InlineData("", "cpu=4,memory=2Gi,pods=30", 4000, 2048, 30)] // no allocatable: capacity
    [InlineData("cpu=2", "cpu=4,memory=2Gi,pods=30", 2000, 0, 110)] // allocatable is taken whole, not merged with capacity
    [InlineData("cpu=500m,memory=512Mi", "", 500, 512, 110)] // pods default to 110
    [InlineData("", "", 0, 0, 110)]
    [InlineData("pods=0", "", 0, 0, 0)]
    public void Allocatable_falls_back_to_capacity(string allocatable, string capacity, long cpuMilli, long memoryMi, long pods)
    {
        var node = Samples.Node() with
        {
            Status = new() { Allocatable = Samples.Resources(Split(allocatable)), Capacity = Samples.Resources(Split(capacity)) },
        };

        var info = NodeInfo.From(node);

        Assert.Equal((cpuMilli, memoryMi * Mi, pods), (info.AllocatableCpuMilli, info.AllocatableMemory, info.AllocatablePods));
    }

    [Fact]
    public void A_node_without_status_offers_nothing_and_is_not_ready()
    {
        var info = NodeInfo.From(Samples.Node() with { Status = null });

        Assert.Equal((0L, 0L, 110L, false), (info.AllocatableCpuMilli, info.AllocatableMemory, info.AllocatablePods, info.Ready));
    }

    // Conditions as "Type=Status" joined by ",".
    [Theory]
    [InlineData("Ready=True", true)]
    [InlineData("Ready=False", false)]
    [InlineData("Ready=Unknown", false)]
    [InlineData("Ready=true", false)]
    [InlineData("", false)]
    [InlineData("MemoryPressure=True", false)]
    [InlineData("MemoryPressure=True,Ready=True", true)]
    public void Ready_comes_from_the_Ready_condition(string conditions, bool expected)
    {
        var node = Samples.Node() with
        {
            Status = Samples.Node().Status! with
            {
                Conditions = [.. Split(conditions).Select(c => c.Split('=')).Select(c => new NodeCondition { Type = c[0], Status = c[1] })],
            },
        };

        Assert.Equal(expected, NodeInfo.From(node).Ready);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Unschedulable_comes_from_the_spec(bool? unschedulable, bool expected) =>
        Assert.Equal(expected, NodeInfo.From(Samples.Node() with { Spec = new() { Unschedulable = unschedulable } }).Unschedulable);

    [Fact]
    public void Add_and_remove_keep_the_requested_counters_consistent()
    {
        var info = Node(cpuMilli: 4000, memory: 8 * Gi);
        var big = Pod("big", cpuMilli: 500, memory: 1 * Gi);
        var empty = Pod("empty");
        var cpuOnly = Pod("cpu-only", cpuMilli: 250);

        info.Add(big);
        info.Add(empty);
        info.Add(cpuOnly);

        Assert.Equal((750L, 1 * Gi, 850L, 1 * Gi + 400 * Mi, 3), Requested(info));

        info.Remove(empty);
        Assert.Equal((750L, 1 * Gi, 750L, 1 * Gi + 200 * Mi, 2), Requested(info));

        info.Remove(big);
        info.Remove(cpuOnly);
        Assert.Equal((0L, 0L, 0L, 0L, 0), Requested(info));
    }

    [Fact]
    public void Update_changes_what_the_node_offers_and_keeps_what_is_requested()
    {
        var info = Node("node", cpuMilli: 4000, memory: 8 * Gi, pods: 10);
        info.Add(Pod("a", cpuMilli: 1000, memory: 1 * Gi));
        info.Add(Pod("b"));

        info.Update(NodeObject(
            "node",
            cpuMilli: 2000,
            memory: 4 * Gi,
            pods: 5,
            ready: false,
            unschedulable: true,
            taints: [Taint("dedicated", "gpu", "NoSchedule")],
            labels: Samples.Labels("zone=b")));

        Assert.Equal((2000L, 4 * Gi, 5L), (info.AllocatableCpuMilli, info.AllocatableMemory, info.AllocatablePods));
        Assert.Equal((false, true), (info.Ready, info.Unschedulable));
        Assert.Equal("zone=b", Assert.Single(info.Labels.Select(l => $"{l.Key}={l.Value}")));
        Assert.Equal("dedicated", Assert.Single(info.Taints).Key);
        Assert.Equal((1000L, 1 * Gi, 1100L, 1 * Gi + 200 * Mi, 2), Requested(info));
    }

    [Fact]
    public void Allocatable_is_read_in_millicores_and_bytes_rounded_up()
    {
        var node = Samples.Node() with { Status = new() { Allocatable = Samples.Resources("cpu=0.0005", "memory=1.5k") } };

        var info = NodeInfo.From(node);

        Assert.Equal((1L, 1500L), (info.AllocatableCpuMilli, info.AllocatableMemory));
    }

    private static (long Cpu, long Memory, long NonZeroCpu, long NonZeroMemory, int Pods) Requested(NodeInfo info) =>
        (info.RequestedCpuMilli, info.RequestedMemory, info.NonZeroRequestedCpuMilli, info.NonZeroRequestedMemory, info.PodCount);

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');
}
