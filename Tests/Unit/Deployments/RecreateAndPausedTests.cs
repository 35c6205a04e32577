using OrleansKube.Deployments;
using OrleansKube.Model.Deployments;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class RecreateAndPausedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Recreate_makes_no_new_pod_before_every_old_one_is_gone(int replicas)
    {
        var world = Converged(NewDeployment(replicas, strategy: DeploymentStrategy.RecreateType));
        var oldHash = world.Hash;
        world.SetImage("nginx:2");

        var first = world.Step();
        Assert.Equal(replicas, first.Delete.Count);
        Assert.Empty(first.Create);
        Assert.Equal($"Scaled down replica set web-{oldHash} to 0", Assert.Single(first.Events, e => e.Reason == "ScalingReplicaSet").Message);

        // Old pods are still terminating: still nothing new.
        var second = world.Step();
        Assert.Empty(second.Create);
        Assert.Empty(second.Delete);

        var third = world.Step();
        Assert.Equal(replicas, third.Create.Count);
        Assert.All(third.Create, pod => Assert.Equal(world.Hash, pod.Metadata.Labels[PodTemplateHash.Label]));
        world.Converge();
        Assert.All(world.Pods, pod => Assert.Equal(world.Hash, pod.Metadata.Labels[PodTemplateHash.Label]));
    }

    [Fact]
    public void Paused_makes_no_pods_of_the_new_template()
    {
        var world = Converged(NewDeployment(3));
        var oldHash = world.Hash;
        var history = world.History;
        world.Update(spec => spec with { Paused = true });
        world.SetImage("nginx:2");

        var plan = world.Step();

        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(history, plan.History);
        var progressing = plan.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"), (progressing.Status, progressing.Reason, progressing.Message));
        Assert.Equal(0, plan.Status.UpdatedReplicas);
        Assert.Null(world.Reconcile().RequeueAfter);

        // Scaling still works, with the template that has pods.
        world.Update(spec => spec with { Replicas = 5 });
        var up = world.Step();
        Assert.Equal(2, up.Create.Count);
        Assert.All(up.Create, pod => Assert.Equal(oldHash, pod.Metadata.Labels[PodTemplateHash.Label]));
        Assert.True(OrleansKube.Serialization.KubeJson.SameJson(Template("nginx:1").Spec, up.Create[0].Spec));

        world.Update(spec => spec with { Replicas = 2 });
        var down = world.Step();
        Assert.Equal(3, down.Delete.Count);
        Assert.Equal($"Scaled down replica set web-{oldHash} to 2", Assert.Single(down.Events).Message);

        // Resumed: the rollout starts.
        world.Update(spec => spec with { Paused = null });
        var resumed = world.Step();
        Assert.All(resumed.Create, pod => Assert.Equal(world.Hash, pod.Metadata.Labels[PodTemplateHash.Label]));
        Assert.NotEmpty(resumed.Create);
        Assert.Equal(world.Hash, resumed.History[^1].TemplateHash);
    }

    [Fact]
    public void Paused_with_no_pods_creates_from_the_current_template()
    {
        var world = new World(NewDeployment(2) with { Spec = NewDeployment(2).Spec with { Paused = true } });

        var plan = world.Reconcile();

        Assert.Equal(2, plan.Create.Count);
        Assert.All(plan.Create, pod => Assert.Equal(world.Hash, pod.Metadata.Labels[PodTemplateHash.Label]));
        Assert.Equal(world.Hash, Assert.Single(plan.History).TemplateHash);
    }
}
