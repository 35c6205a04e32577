using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;
using OrleansKube.Scheduling.Plugins;

namespace OrleansKube.Tests.Scheduling;

[Collection(SchedulingCollection.Name)]
public sealed class SchedulerTests(SchedulingClusterFixture fixture)
{
    private static readonly Taint GpuTaint = new() { Key = "dedicated", Value = "gpu", Effect = TaintEffects.NoSchedule };

    [Fact]
    public async Task A_pod_lands_on_the_least_allocated_node_that_fits_and_runs()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("small-a", "2", "4Gi");
        await world.AddNodeAsync("large-a", "8", "16Gi");
        await world.AddNodeAsync("medium-a", "4", "8Gi");

        await world.AddPodAsync("first", cpu: "1", memory: "1Gi");
        var first = await world.WaitForRunningAsync("first");
        Assert.Equal("large-a", first.Spec.NodeName);
        Assert.All(first.Status!.ContainerStatuses, status => Assert.True(status.Ready));
        Assert.Contains(first.Status.Conditions, c => c.Type == WellKnown.PodReady && c.Status == WellKnown.ConditionTrue);

        // 6 of large-a's 8 cpus: now medium-a is the emptiest that fits 1 cpu.
        await world.AddPodAsync("big", cpu: "6", memory: "1Gi");
        Assert.Equal("large-a", (await world.WaitForRunningAsync("big")).Spec.NodeName);
        await world.AddPodAsync("next", cpu: "1", memory: "1Gi");
        Assert.Equal("medium-a", (await world.WaitForRunningAsync("next")).Spec.NodeName);

        var nodePods = await fixture.Client.GetGrain<INodeGrain>("large-a").GetPodsAsync();
        Assert.Equal([$"{world.Namespace}/big", $"{world.Namespace}/first"], nodePods);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_is_pending_with_counted_reasons_until_a_big_enough_node_comes()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("tiny-b1", "1", "2Gi");
        await world.AddNodeAsync("tiny-b2", "1", "2Gi");
        await world.AddNodeAsync("gpu-b", "16", "64Gi", taints: GpuTaint);

        await world.AddPodAsync("huge", cpu: "4", memory: "1Gi");
        var pending = await world.WaitForUnschedulableAsync("huge");

        Assert.Equal(PodPhase.Pending, pending.Status?.Phase);
        Assert.True(string.IsNullOrEmpty(pending.Spec.NodeName));
        var condition = pending.Status!.Conditions.Single(c => c.Type == WellKnown.PodScheduled);
        Assert.Equal(WellKnown.ConditionFalse, condition.Status);
        Assert.Equal("0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.", condition.Message);

        await world.AddNodeAsync("roomy-b", "8", "16Gi");

        var placed = await world.WaitForRunningAsync("huge");
        Assert.Equal("roomy-b", placed.Spec.NodeName);
    }

    [Fact]
    public async Task Deleting_a_pod_frees_its_room_for_a_waiting_one()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("one-cpu-c", "1", "2Gi");
        await world.AddPodAsync("holder", cpu: "1");
        await world.WaitForRunningAsync("holder");
        await world.AddPodAsync("waiter", cpu: "1");
        await world.WaitForUnschedulableAsync("waiter");

        await fixture.Client.GetObjectGrain<Pod>(world.Namespace, "holder").DeleteAsync(null);

        Assert.Equal("one-cpu-c", (await world.WaitForRunningAsync("waiter")).Spec.NodeName);
        Assert.Equal([$"{world.Namespace}/waiter"], await fixture.Client.GetGrain<INodeGrain>("one-cpu-c").GetPodsAsync());
    }

    [Fact]
    public async Task Cordoned_and_tainted_nodes_get_no_pods_unless_tolerated()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("cordoned-d", "64", "256Gi", cordoned: true);
        await world.AddNodeAsync("gpu-d", "64", "256Gi", taints: GpuTaint);
        await world.AddNodeAsync("plain-d", "2", "4Gi");

        for (var i = 0; i < 8; i++)
        {
            await world.AddPodAsync($"plain-{i}", cpu: "100m");
        }

        await world.AddPodAsync("gpu-user", cpu: "100m", customize: spec => spec with
        {
            Tolerations = [new Toleration { Key = "dedicated", Operator = Tolerations.Equal, Value = "gpu", Effect = TaintEffects.NoSchedule }],
            NodeSelector = spec.NodeSelector.Add("size", "gpu-d"),
        });

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("plain-d", (await world.WaitForRunningAsync($"plain-{i}")).Spec.NodeName);
        }

        Assert.Equal("gpu-d", (await world.WaitForRunningAsync("gpu-user")).Spec.NodeName);
        Assert.Empty(await fixture.Client.GetGrain<INodeGrain>("cordoned-d").GetPodsAsync());

        // Uncordoning makes room again: the next pod that does not fit plain-d goes there.
        var cordoned = (await fixture.Client.GetObjectGrain<Node>(null, "cordoned-d").GetAsync())!;
        await fixture.Client.GetObjectGrain<Node>(null, "cordoned-d").UpdateAsync(cordoned with { Spec = cordoned.Spec with { Unschedulable = null } });
        await world.AddPodAsync("after-uncordon", cpu: "4");
        Assert.Equal("cordoned-d", (await world.WaitForRunningAsync("after-uncordon")).Spec.NodeName);
    }

    [Fact]
    public async Task Hundreds_of_random_pods_never_overcommit_a_node()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        var random = new Random(20261124);
        var nodes = new List<Node>();
        for (var i = 0; i < 12; i++)
        {
            var cpu = random.Next(1, 9);
            nodes.Add(await world.AddNodeAsync($"mixed-e{i}", $"{cpu}", $"{cpu * 2}Gi", pods: random.Next(5, 30)));
        }

        const int Pods = 300;
        await Task.WhenAll(Enumerable.Range(0, Pods).Select(i =>
            world.AddPodAsync($"r{i}", cpu: $"{random.Next(50, 900)}m", memory: $"{random.Next(64, 1500)}Mi")));

        var pods = await world.WaitForAllDecidedAsync(Pods, TimeSpan.FromSeconds(60));

        var bound = pods.Where(SchedulingPod.IsBound).ToList();
        Assert.NotEmpty(bound);
        Assert.Contains(pods, pod => !SchedulingPod.IsBound(pod));
        foreach (var node in nodes)
        {
            var onNode = bound.Where(p => p.Spec.NodeName == node.Metadata.Name).Select(SchedulingPod.From).ToList();
            var allocatable = node.Status!.Allocatable;
            Assert.True(onNode.Sum(p => p.CpuMilli) <= allocatable[WellKnown.Cpu].MilliValue, $"{node.Metadata.Name} cpu overcommitted");
            Assert.True(onNode.Sum(p => p.Memory) <= allocatable[WellKnown.Memory].WholeValue, $"{node.Metadata.Name} memory overcommitted");
            Assert.True(onNode.Count <= allocatable[WellKnown.Pods].WholeValue, $"{node.Metadata.Name} has too many pods");
        }
    }

    [Fact]
    public async Task Deleting_a_node_deletes_its_pods()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("doomed-f", "4", "8Gi");
        await world.AddPodAsync("victim", cpu: "1");
        await world.WaitForRunningAsync("victim");

        await fixture.Client.GetObjectGrain<Node>(null, "doomed-f").DeleteAsync(null);

        Assert.Null(await fixture.Client.GetObjectGrain<Pod>(world.Namespace, "victim").GetAsync());
        var statistics = await fixture.Client.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).GetStatisticsAsync();
        Assert.Equal(0, statistics.BindsInFlight);
    }
}

[Collection(PackingCollection.Name)]
public sealed class PackingSchedulerTests(PackingClusterFixture fixture)
{
    [Fact]
    public async Task With_most_allocated_pods_pack_onto_the_fullest_node()
    {
        await using var world = new ClusterWorld(fixture.Client);
        await world.StartAsync();
        await world.AddNodeAsync("pack-a", "4", "8Gi");
        await world.AddNodeAsync("pack-b", "4", "8Gi");
        await world.AddNodeAsync("pack-c", "4", "8Gi");

        var nodes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await world.AddPodAsync($"p{i}", cpu: "1", memory: "1Gi");
            nodes.Add((await world.WaitForRunningAsync($"p{i}")).Spec.NodeName!);
        }

        Assert.Single(nodes.Distinct());

        // The first node is full now: the next pod starts filling a second one, and the one after joins it.
        await world.AddPodAsync("p4", cpu: "1", memory: "1Gi");
        var fifth = (await world.WaitForRunningAsync("p4")).Spec.NodeName;
        Assert.NotEqual(nodes[0], fifth);
        await world.AddPodAsync("p5", cpu: "1", memory: "1Gi");
        Assert.Equal(fifth, (await world.WaitForRunningAsync("p5")).Spec.NodeName);
    }
}
