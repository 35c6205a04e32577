using OrleansKube.Deployments;
using OrleansKube.Model;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class RollingUpdateTests
{
    public static TheoryData<int, string, string> Settings()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var replicas in new[] { 1, 3, 10, 25 })
        {
            foreach (var (surge, unavailable) in new[] { ("25%", "25%"), ("1", "0"), ("0", "1"), ("50%", "50%"), ("100%", "0") })
            {
                data.Add(replicas, surge, unavailable);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Rolls_out_within_the_surge_and_unavailability_bounds(int replicas, string surge, string unavailable)
    {
        var world = Converged(NewDeployment(replicas, maxSurge: Parse(surge), maxUnavailable: Parse(unavailable)));
        var oldHash = world.Hash;
        world.SetImage("nginx:2");
        var newHash = world.Hash;
        var (maxSurge, maxUnavailable) = Bounds(replicas, surge, unavailable);

        var steps = 0;
        for (; steps < 100; steps++)
        {
            var plan = world.Step();
            Assert.True(world.Alive.Count() <= replicas + maxSurge, $"step {steps}: {world.Alive.Count()} alive");
            Assert.True(world.AvailableCount >= replicas - maxUnavailable, $"step {steps}: {world.AvailableCount} available");
            Assert.DoesNotContain(plan.Create, pod => pod.Metadata.Labels[PodTemplateHash.Label] != newHash);
            if (plan.Create.IsEmpty && plan.Delete.IsEmpty && !world.Pods.Any(pod => pod.Metadata.DeletionTimestamp is not null))
            {
                break;
            }
        }

        Assert.True(steps < 100, "the rollout did not finish");
        Assert.Equal(replicas, world.Pods.Count);
        Assert.All(world.Pods, pod => Assert.Equal(newHash, pod.Metadata.Labels[PodTemplateHash.Label]));
        Assert.NotEqual(oldHash, newHash);
        var status = world.Deployment.Status!;
        Assert.Equal((replicas, replicas, replicas, 0), (status.UpdatedReplicas, status.AvailableReplicas, status.ReadyReplicas, status.UnavailableReplicas));
        Assert.Equal("NewReplicaSetAvailable", status.Conditions.Single(c => c.Type == "Progressing").Reason);
        Assert.Null(world.Reconcile().RequeueAfter);
    }

    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(10, "1", "0", 1, 0)]
    [InlineData(10, "0", "1", 0, 1)]
    [InlineData(10, "100%", "0", 10, 0)]
    [InlineData(4, "0", "0", 0, 1)]
    [InlineData(3, "50%", "50%", 2, 1)]
    public void The_first_step_surges_and_removes_what_the_bounds_allow(int replicas, string surge, string unavailable, int creates, int deletes)
    {
        var world = Converged(NewDeployment(replicas, maxSurge: Parse(surge), maxUnavailable: Parse(unavailable)));
        world.SetImage("nginx:2");

        var plan = world.Reconcile();

        Assert.Equal((creates, deletes), (plan.Create.Count, plan.Delete.Count));
    }

    [Theory]
    [InlineData(4, "25%", "25%", 2, 3)]
    [InlineData(10, "25%", "25%", 5, 8)]
    [InlineData(3, "1", "0", 1, 3)]
    public void A_rollout_whose_new_pods_never_become_ready_stalls_within_bounds(int replicas, string surge, string unavailable, int newPods, int oldPods)
    {
        var world = Converged(NewDeployment(replicas, maxSurge: Parse(surge), maxUnavailable: Parse(unavailable)));
        var oldHash = world.Hash;
        world.SetImage("nginx:2");

        for (var step = 0; step < 10; step++)
        {
            world.Step(ready: false);
        }

        var plan = world.Reconcile();
        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(newPods, world.Alive.Count(pod => pod.Metadata.Labels[PodTemplateHash.Label] == world.Hash));
        Assert.Equal(oldPods, world.Alive.Count(pod => pod.Metadata.Labels[PodTemplateHash.Label] == oldHash));
        Assert.Equal(TimeSpan.FromSeconds(601), plan.RequeueAfter);
    }

    [Fact]
    public void Unhealthy_old_pods_go_first_and_cost_no_availability()
    {
        var world = Converged(NewDeployment(4, maxSurge: 0, maxUnavailable: 1));
        var broken = world.Pods[2].Metadata.Name!;
        world.Replace(broken, NotReady);
        world.SetImage("nginx:2");

        var plan = world.Reconcile();

        Assert.Equal([broken], plan.Delete);
        Assert.Empty(plan.Create);
    }

    [Fact]
    public void A_step_reports_scaling_of_both_templates()
    {
        var world = Converged(NewDeployment(10));
        var oldHash = world.Hash;
        world.SetImage("nginx:2");

        var plan = world.Reconcile();

        Assert.Equal(
            [$"Scaled up replica set web-{world.Hash} to 3", $"Scaled down replica set web-{oldHash} to 8"],
            plan.Events.Where(e => e.Reason == "ScalingReplicaSet").Select(e => e.Message));
        Assert.Equal(["RolloutStarted", "ScalingReplicaSet", "ScalingReplicaSet"], plan.Events.Select(e => e.Reason));
        Assert.All(plan.Events, e => Assert.Equal("Normal", e.Type));
        Assert.Equal(TimeSpan.FromSeconds(1), plan.RequeueAfter);
    }

    private static IntOrString Parse(string value) => int.TryParse(value, out var number) ? number : value;

    private static (int MaxSurge, int MaxUnavailable) Bounds(int replicas, string surge, string unavailable)
    {
        var maxSurge = Parse(surge).Scale(replicas, roundUp: true);
        var maxUnavailable = Parse(unavailable).Scale(replicas, roundUp: false);
        return maxSurge == 0 && maxUnavailable == 0 ? (0, 1) : (maxSurge, maxUnavailable);
    }
}
