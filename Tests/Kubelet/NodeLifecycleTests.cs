using Microsoft.Extensions.DependencyInjection;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Tests.Grains;
using OrleansKube.Tests.Scheduling;

namespace OrleansKube.Tests.Kubelet;

/// <summary>Nodes that die, stop, or lose the control plane, on clusters whose kubelets run the simulated runtime.</summary>
public sealed class NodeLifecycleTests
{
    // After a graceful stop the replacements usually run within a second, but in about one run in three something in
    // the cluster waits out Orleans' 30 s response timeout once or twice first (not found yet).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_pods_of_a_killed_silo_fail_as_NodeLost_and_are_replaced_on_live_nodes()
    {
        await using var cluster = await WorkerCluster.StartAsync(3);
        await using var world = await WorldAsync(cluster);
        var victim = cluster.Cluster.Silos[2];
        var victimNode = NodeOf(cluster, victim);
        await ApplyAsync(cluster, world, replicas: 6);
        var placed = await WaitForPodsAsync(world, pods => pods.Count(IsRunning) == 6 && pods.Any(p => p.Spec.NodeName == victimNode));
        var lost = placed.Where(p => p.Spec.NodeName == victimNode).Select(p => p.Metadata.Uid).ToHashSet();

        await cluster.Cluster.KillSiloAsync(victim);

        var node = await WaitForNodeAsync(cluster, victimNode, n => Condition(n)?.Status == WellKnown.ConditionUnknown);
        Assert.Equal("NodeStatusUnknown", Condition(node)!.Reason);
        var healed = await WaitForPodsAsync(world, pods => pods.Count(IsRunning) == 6 && pods.Where(IsRunning).All(p => p.Spec.NodeName != victimNode));
        Assert.DoesNotContain(healed.Where(IsRunning), p => lost.Contains(p.Metadata.Uid));
    }

    [Fact]
    public async Task A_silo_that_stops_gracefully_hands_its_pods_to_the_other_nodes()
    {
        // The lifecycle controller would take ten minutes to fail the pods: the kubelet's own drain must do it.
        await using var cluster = await WorkerCluster.StartAsync(3, podEvictionTimeout: TimeSpan.FromMinutes(10));
        await using var world = await WorldAsync(cluster);
        var leaving = cluster.Cluster.Silos[2];
        var leavingNode = NodeOf(cluster, leaving);
        await ApplyAsync(cluster, world, replicas: 6);
        await WaitForPodsAsync(world, pods => pods.Count(IsRunning) == 6 && pods.Any(p => p.Spec.NodeName == leavingNode));

        await cluster.Cluster.StopSiloAsync(leaving);

        var node = await WaitForNodeAsync(cluster, leavingNode, n => Condition(n)?.Status != WellKnown.ConditionTrue);
        Assert.Contains(Condition(node)!.Status, new[] { WellKnown.ConditionFalse, WellKnown.ConditionUnknown });
        await WaitForPodsAsync(world, pods => pods.Count(IsRunning) == 6 && pods.Where(IsRunning).All(p => p.Spec.NodeName != leavingNode));
    }

    [Fact]
    public async Task Pods_run_and_restart_while_storage_is_down_and_report_once_it_is_back()
    {
        await using var cluster = await WorkerCluster.StartAsync(1);
        await using var world = await WorldAsync(cluster);
        await world.AddPodAsync("steady", customize: spec => spec with { Containers = [Container("steady")] });
        var running = await world.WaitForPodAsync("steady", IsRunning, Deadline);
        var runtime = cluster.RuntimeOf(cluster.Cluster.Silos[0]);

        cluster.StorageDown = true;
        var before = runtime.Containers.Single(c => c.Launch.PodUid == running.Metadata.Uid);
        before.Exit(1);
        var restarted = await Poll(() => runtime.Containers.Count(c => c.Launch.PodUid == running.Metadata.Uid) >= 2);
        Assert.True(restarted, "the kubelet restarted the crashed container while storage was down");
        Assert.Equal(0, (await world.GetPodAsync("steady")).Status!.ContainerStatuses[0].RestartCount);

        cluster.StorageDown = false;

        var reported = await world.WaitForPodAsync("steady", p => p.Status?.ContainerStatuses.FirstOrDefault()?.RestartCount >= 1 && IsRunning(p), Deadline);
        Assert.Equal(1, reported.Status!.ContainerStatuses[0].LastState?.Terminated?.ExitCode);
        Assert.Equal(running.Metadata.Uid, reported.Metadata.Uid);
    }

    private static Container Container(string name) => new() { Name = name, Image = "busybox:1.36", Command = ["sleep", "3600"] };

    private static async Task ApplyAsync(WorkerCluster cluster, ClusterWorld world, int replicas)
    {
        var deployment = Objects.Deployment(world.Namespace, "web", replicas);
        var template = deployment.Spec.Template;
        await cluster.Client.GetGrain<IDeploymentGrain>(ObjectKey.For(world.Namespace, "web")).CreateAsync(deployment with
        {
            Spec = deployment.Spec with { Template = template with { Spec = template.Spec with { Containers = [Container("web")] } } },
        });
    }

    private static async Task<ClusterWorld> WorldAsync(WorkerCluster cluster)
    {
        var world = new ClusterWorld(cluster.Client);
        await world.StartAsync();
        return world;
    }

    private static string NodeOf(WorkerCluster cluster, Orleans.TestingHost.InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<NodeIdentity>().NodeName;

    private static bool IsRunning(Pod pod) => pod.Status?.Phase == PodPhase.Running && !string.IsNullOrEmpty(pod.Spec.NodeName);

    private static NodeCondition? Condition(Node node) => node.Status?.Conditions.FirstOrDefault(c => c.Type == WellKnown.NodeReady);

    private static async Task<IReadOnlyList<Pod>> WaitForPodsAsync(ClusterWorld world, Func<IReadOnlyList<Pod>, bool> done)
    {
        IReadOnlyList<Pod> pods = [];
        Assert.True(await Poll(async () => done(pods = await world.PodsAsync())), $"pods never got there: {string.Join(", ", pods.Select(p => $"{p.Metadata.Name} {p.Status?.Phase} on {p.Spec.NodeName}"))}");
        return pods;
    }

    private static async Task<Node> WaitForNodeAsync(WorkerCluster cluster, string name, Func<Node, bool> done)
    {
        Node? node = null;
        Assert.True(await Poll(async () => (node = await cluster.Client.GetObjectGrain<Node>(null, name).GetAsync()) is { } n && done(n)), $"node {name} never got there");
        return node!;
    }

    private static Task<bool> Poll(Func<bool> condition) => Poll(() => Task.FromResult(condition()));

    private static async Task<bool> Poll(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await HoldsAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    // A call lost with a silo that stopped or was killed times out; that is a poll that found nothing yet.
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
