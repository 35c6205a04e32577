using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Deployments;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;
using OrleansKube.Tests.Grains;
using OrleansKube.Tests.Scheduling;

namespace OrleansKube.Tests.Deployments;

/// <summary>The deployment controller on a cluster of simulated nodes, through the API grains.</summary>
[Collection(SchedulingCollection.Name)]
public sealed class DeploymentControllerTests(SchedulingClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Scales_from_3_to_10_to_2()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "web", replicas: 3);
        await WaitForRunningReplicasAsync(world, "web", 3);

        await Grain(world, "web").ScaleAsync(10);
        await WaitForRunningReplicasAsync(world, "web", 10);

        await Grain(world, "web").ScaleAsync(2);
        var pods = await WaitForRunningReplicasAsync(world, "web", 2);
        Assert.All(pods, pod => Assert.StartsWith("web-", pod.Metadata.Name));
        var status = (await Grain(world, "web").GetAsync())!.Status!;
        Assert.Equal(2, status.Replicas);
        Assert.Equal(2, status.AvailableReplicas);
    }

    [Fact]
    public async Task A_deployment_made_again_after_its_deletion_runs_its_replicas()
    {
        await using var world = await StartWorldAsync();
        for (var round = 0; round < 3; round++)
        {
            await CreateAsync(world, "again", replicas: 3);
            await WaitForRunningReplicasAsync(world, "again", 3);

            // Deleting the pods tells the deployment, which schedules a reconcile that its own deletion then cancels.
            await Grain(world, "again").DeleteAsync(null);
            Assert.Empty(await OwnedAsync(world, "again"));
        }
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "heal", replicas: 3);
        var before = await WaitForRunningReplicasAsync(world, "heal", 3);
        var victim = before[0];

        await Client.GetObjectGrain<Pod>(world.Namespace, victim.Metadata.Name!).DeleteAsync(null);

        // Names are deterministic, so the replacement may take the freed name: it is a new pod all the same.
        var after = await WaitAsync(async () =>
        {
            var pods = await OwnedAsync(world, "heal");
            return pods.Count == 3 && pods.All(IsRunning) && pods.All(p => p.Metadata.Uid != victim.Metadata.Uid) ? pods : null;
        });
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public async Task A_rolling_update_stays_within_its_bounds_at_every_observation()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "roll", replicas: 10);
        await WaitForRunningReplicasAsync(world, "roll", 10);
        var scope = Client.GetGrain<INamespaceGrain>(world.Namespace);
        var list = await scope.ListAsync(Pod.KindName, null);
        var live = list.Items.Cast<Pod>().ToDictionary(p => p.Metadata.Name!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var observations = 0;
        var violations = new List<string>();

        var watching = Task.Run(async () =>
        {
            await foreach (var change in scope.WatchAsync(Pod.KindName, list.ResourceVersion, null, timeout.Token))
            {
                var pod = (Pod)change.Object;
                if (change.Type == WatchEvent.Deleted)
                {
                    live.Remove(pod.Metadata.Name!);
                }
                else
                {
                    live[pod.Metadata.Name!] = pod;
                }

                observations++;
                var total = live.Count;
                var available = live.Values.Count(IsRunning);
                // 10 replicas, 25% surge rounds up to 3, 25% unavailable rounds down to 2.
                if (total > 13 || available < 8)
                {
                    violations.Add($"{total} pods, {available} available after {change.Type} {pod.Metadata.Name}");
                }

                var newPods = live.Values.Where(p => p.Spec.Containers[0].Image == "nginx:1.28").ToList();
                if (newPods.Count == 10 && live.Count == 10 && newPods.All(IsRunning))
                {
                    return;
                }
            }
        });

        var deployment = (await Grain(world, "roll").GetAsync())!;
        await Grain(world, "roll").UpdateAsync(WithImage(deployment, "nginx:1.28"));
        await watching.WaitAsync(timeout.Token);

        Assert.Empty(violations);
        Assert.True(observations >= 20, $"a rollout of 10 pods takes many steps; saw {observations}");
        var done = await WaitAsync(async () =>
        {
            var d = (await Grain(world, "roll").GetAsync())!;
            return d.Status?.UpdatedReplicas == 10 && d.Status.AvailableReplicas == 10 && d.Status.Replicas == 10 ? d : null;
        });
        Assert.Contains(done.Status!.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
    }

    [Fact]
    public async Task Undo_returns_to_the_previous_template_and_history_records_it()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "undo", replicas: 3);
        await WaitForRunningReplicasAsync(world, "undo", 3);
        var deployment = (await Grain(world, "undo").GetAsync())!;
        await Grain(world, "undo").UpdateAsync(WithImage(deployment, "nginx:1.28"));
        await WaitForImageAsync(world, "undo", "nginx:1.28");

        await Grain(world, "undo").RollbackAsync(null);

        await WaitForImageAsync(world, "undo", "nginx:1.27");
        var history = await Grain(world, "undo").GetHistoryAsync();
        Assert.Equal([2L, 3L], history.Select(r => r.Revision));
        Assert.Equal("nginx:1.27", history[^1].Template.Spec.Containers[0].Image);
        var error = await Assert.ThrowsAsync<ApiException>(() => Grain(world, "undo").RollbackAsync(1));
        Assert.Equal("unable to find specified revision 1 in history", error.Message);
    }

    [Fact]
    public async Task A_rollout_finishes_after_the_deployment_grain_is_deactivated_midway()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "resilient", replicas: 6);
        await WaitForRunningReplicasAsync(world, "resilient", 6);
        var deployment = (await Grain(world, "resilient").GetAsync())!;

        await Grain(world, "resilient").UpdateAsync(WithImage(deployment, "nginx:1.28"));
        await fixture.Cluster.DeactivateAsync(Grain(world, "resilient"));

        await WaitForImageAsync(world, "resilient", "nginx:1.28");
    }

    [Fact]
    public async Task Deleting_a_deployment_deletes_its_pods_and_a_namespace_leaves_nothing_behind()
    {
        await using var world = await StartWorldAsync();
        await CreateAsync(world, "gone", replicas: 4);
        await CreateAsync(world, "stays", replicas: 2);
        await WaitForRunningReplicasAsync(world, "gone", 4);
        await WaitForRunningReplicasAsync(world, "stays", 2);

        await Grain(world, "gone").DeleteAsync(null);
        Assert.Empty(await OwnedAsync(world, "gone"));
        Assert.Equal(2, (await OwnedAsync(world, "stays")).Count);

        await Client.GetGrain<INamespaceGrain>(world.Namespace).DeleteAsync(null);
        Assert.Null(await Grain(world, "stays").GetAsync());
        Assert.Empty((await Client.GetGrain<INamespaceGrain>(world.Namespace).ListAsync(Pod.KindName, null)).Items);
        foreach (var node in new[] { "dep-1", "dep-2", "dep-3" })
        {
            Assert.DoesNotContain(await Client.GetGrain<INodeGrain>(node).GetPodsAsync(), key => key.StartsWith(world.Namespace + "/", StringComparison.Ordinal));
        }
    }

    private async Task<ClusterWorld> StartWorldAsync()
    {
        var world = new ClusterWorld(Client);
        await world.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await world.AddNodeAsync($"dep-{i}", "16", "64Gi");
        }

        return world;
    }

    private IDeploymentGrain Grain(ClusterWorld world, string name) => Client.GetGrain<IDeploymentGrain>(ObjectKey.For(world.Namespace, name));

    private Task<Deployment> CreateAsync(ClusterWorld world, string name, int replicas) =>
        Grain(world, name).CreateAsync(Objects.Deployment(world.Namespace, name, replicas));

    private static Deployment WithImage(Deployment deployment, string image) => deployment with
    {
        Spec = deployment.Spec with
        {
            Template = deployment.Spec.Template with
            {
                Spec = deployment.Spec.Template.Spec with
                {
                    Containers = deployment.Spec.Template.Spec.Containers.SetItem(0, deployment.Spec.Template.Spec.Containers[0] with { Image = image }),
                },
            },
        },
    };

    private static bool IsRunning(Pod pod) => pod.Status?.Phase == PodPhase.Running && PodState.IsReady(pod);

    private async Task<ImmutableList<Pod>> OwnedAsync(ClusterWorld world, string deployment) =>
        [.. (await world.PodsAsync()).Where(p => p.Metadata.OwnerReferences.Any(o => o.Name == deployment))];

    private async Task<ImmutableList<Pod>> WaitForRunningReplicasAsync(ClusterWorld world, string name, int replicas) =>
        await WaitAsync(async () =>
        {
            var pods = await OwnedAsync(world, name);
            var deployment = await Grain(world, name).GetAsync();
            return pods.Count == replicas && pods.All(IsRunning) && deployment?.Status?.AvailableReplicas == replicas ? pods : null;
        });

    private async Task WaitForImageAsync(ClusterWorld world, string name, string image) =>
        await WaitAsync(async () =>
        {
            var pods = await OwnedAsync(world, name);
            var deployment = (await Grain(world, name).GetAsync())!;
            var replicas = deployment.Spec.Replicas ?? 1;
            return pods.Count == replicas && pods.All(p => IsRunning(p) && p.Spec.Containers[0].Image == image) ? pods : null;
        });

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> attempt, int seconds = 30)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await attempt();
            if (last is not null)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("condition not reached within " + seconds + " s");
    }
}
