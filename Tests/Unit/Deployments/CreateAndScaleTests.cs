using OrleansKube.Deployments;
using OrleansKube.Serialization;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class CreateAndScaleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void CreatesReplicas(int replicas)
    {
        var world = new World(NewDeployment(replicas));

        var plan = world.Reconcile();

        var hash = world.Hash;
        Assert.Equal(replicas, plan.Create.Count);
        Assert.Empty(plan.Delete);
        Assert.Equal(replicas, plan.Create.Select(pod => pod.Metadata.Name).Distinct().Count());
        foreach (var pod in plan.Create)
        {
            Assert.Matches($"^web-{hash}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", pod.Metadata.Name);
            Assert.Equal(Namespace, pod.Metadata.Namespace);
            Assert.Equal(Name, pod.Metadata.Labels["app"]);
            Assert.Equal(hash, pod.Metadata.Labels[PodTemplateHash.Label]);
            Assert.Equal("kept", pod.Metadata.Annotations["note"]);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(("apps/v1", "Deployment", Name, Uid, true, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.True(KubeJson.SameJson(world.Deployment.Spec.Template.Spec, pod.Spec));
            Assert.Null(pod.Metadata.Uid);
            Assert.Null(pod.Metadata.ResourceVersion);
            Assert.Null(pod.Status);
        }

        Assert.Equal([new DeploymentEvent("Normal", "ScalingReplicaSet", $"Scaled up replica set web-{hash} to {replicas}")], plan.Events);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.RequeueAfter);
    }

    [Fact]
    public void Pod_names_are_deterministic()
    {
        var first = new World(NewDeployment(5)).Reconcile();
        var second = new World(NewDeployment(5)).Reconcile();

        Assert.Equal(first.Create.Select(pod => pod.Metadata.Name), second.Create.Select(pod => pod.Metadata.Name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(0)]
    public void DoesNothingWhenConverged(int replicas)
    {
        var world = Converged(NewDeployment(replicas));

        var plan = world.Reconcile();

        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Empty(plan.Events);
        Assert.Null(plan.RequeueAfter);
        Assert.True(KubeJson.SameJson(world.Deployment.Status, plan.Status));
        Assert.True(KubeJson.SameJson(world.History, plan.History));
        Assert.Equal(replicas, world.Alive.Count());
    }

    [Fact]
    public void Running_on_its_own_output_again_is_harmless()
    {
        var world = new World(NewDeployment(3));
        var first = world.Reconcile();

        // The created pods have not reached the list yet: the same names come back, so the creates are AlreadyExists.
        var again = world.Reconcile();

        Assert.Equal(first.Create.Select(pod => pod.Metadata.Name), again.Create.Select(pod => pod.Metadata.Name));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(1, 10)]
    [InlineData(0, 2)]
    public void ScalesUp(int from, int to)
    {
        var world = Converged(NewDeployment(from));
        var names = world.Pods.Select(pod => pod.Metadata.Name).ToHashSet();
        world.Update(spec => spec with { Replicas = to });

        var plan = world.Step();

        Assert.Equal(to - from, plan.Create.Count);
        Assert.Empty(plan.Delete);
        Assert.DoesNotContain(plan.Create, pod => names.Contains(pod.Metadata.Name));
        Assert.Equal($"Scaled up replica set web-{world.Hash} to {to}", Assert.Single(plan.Events).Message);
        world.Converge();
        Assert.Equal(to, world.Alive.Count());
    }

    [Theory]
    [InlineData(5, 2, new[] { "p4", "p3", "p2" })]
    [InlineData(5, 4, new[] { "p4" })]
    [InlineData(5, 0, new[] { "p4", "p3", "p2", "p1", "p0" })]
    public void ScalesDownNewestFirst(int from, int to, string[] expected)
    {
        var world = new World(NewDeployment(from));
        var hash = world.Hash;
        for (var i = 0; i < from; i++)
        {
            world.Pods.Add(Ready(OwnedPod($"p{i}", hash, T0.AddMinutes(i)), T0.AddMinutes(i)));
        }

        world.Now = T0.AddHours(1);
        world.Apply(world.Reconcile());
        world.Update(spec => spec with { Replicas = to });

        var plan = world.Reconcile();

        Assert.Equal(expected, plan.Delete);
        Assert.Empty(plan.Create);
        Assert.Equal($"Scaled down replica set web-{hash} to {to}", Assert.Single(plan.Events).Message);
    }

    [Fact]
    public void Scaling_down_removes_the_least_established_first()
    {
        var world = new World(NewDeployment(2));
        var hash = world.Hash;
        world.Now = T0.AddHours(1);
        world.Pods.Add(Ready(OwnedPod("ready-new", hash, T0.AddMinutes(30)), T0.AddMinutes(30)));
        world.Pods.Add(NotReady(OwnedPod("not-ready-old", hash, T0)) with { Spec = OwnedPod("x", hash, T0).Spec with { NodeName = "node-1" } });
        world.Pods.Add(OwnedPod("unscheduled-old", hash, T0));
        world.Pods.Add(Ready(OwnedPod("ready-old", hash, T0), T0));
        world.Pods.Add(Ready(OwnedPod("ready-old-later", hash, T0), T0.AddMinutes(10)));

        var plan = world.Reconcile();

        Assert.Equal(["unscheduled-old", "not-ready-old", "ready-new"], plan.Delete);
    }
}
