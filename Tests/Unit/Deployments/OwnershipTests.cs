using System.Collections.Immutable;
using OrleansKube.Model.Pods;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class OwnershipTests
{
    public static TheoryData<string, Pod> Strangers() => new()
    {
        { "other owner uid", Ready(OwnedPod("other-uid", "h", T0, ownerUid: "someone-else"), T0) },
        { "not the controller", Ready(OwnedPod("not-controller", "h", T0, controller: false), T0) },
        { "controller unset", Ready(OwnedPod("controller-unset", "h", T0, controller: null), T0) },
        { "no owner", Ready(OwnedPod("no-owner", "h", T0) with { Metadata = OwnedPod("no-owner", "h", T0).Metadata with { OwnerReferences = [] } }, T0) },
        {
            "not matching the selector",
            Ready(OwnedPod("other-app", "h", T0) with
            {
                Metadata = OwnedPod("other-app", "h", T0).Metadata with { Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "db") },
            }, T0)
        },
        { "failed, not ours", WithPhase(OwnedPod("failed-stranger", "h", T0, ownerUid: "someone-else"), PodPhase.Failed) },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public void IgnoresPodsItDoesNotOwn(string why, Pod stranger)
    {
        var world = Converged(NewDeployment(2));
        // Of the current template, so only ownership or the selector can keep it out.
        world.Pods.Add(stranger with { Metadata = stranger.Metadata with { Labels = stranger.Metadata.Labels.SetItem("pod-template-hash", world.Hash) } });
        world.Update(spec => spec with { Replicas = 1 });
        var plan = world.Reconcile();

        Assert.False(plan.Delete.Contains(stranger.Metadata.Name!), why);
        Assert.Single(plan.Delete);
        Assert.Equal(2, plan.Status.Replicas);
        Assert.Equal(2, plan.Status.AvailableReplicas);
    }

    [Theory]
    [InlineData(PodPhase.Failed)]
    [InlineData(PodPhase.Succeeded)]
    public void ReplacesFailedPods(string phase)
    {
        var world = Converged(NewDeployment(3));
        var finished = world.Pods[1].Metadata.Name!;
        world.Replace(finished, pod => WithPhase(pod, phase));

        var plan = world.Step();

        Assert.Equal([finished], plan.Delete);
        var replacement = Assert.Single(plan.Create);
        Assert.NotEqual(finished, replacement.Metadata.Name);
        Assert.Equal(2, plan.Status.Replicas);
        Assert.Empty(plan.Events); // self-healing, not scaling
        world.Converge();
        Assert.Equal(3, world.Alive.Count());
    }

    [Fact]
    public void TerminatingPodsNotCounted()
    {
        var world = Converged(NewDeployment(3));
        var going = world.Pods[0].Metadata.Name!;
        world.Replace(going, pod => pod with { Metadata = pod.Metadata with { DeletionTimestamp = world.Now } });

        var plan = world.Reconcile();

        Assert.Empty(plan.Delete);
        var replacement = Assert.Single(plan.Create);
        Assert.DoesNotContain(world.Pods, pod => pod.Metadata.Name == replacement.Metadata.Name);
        Assert.Equal((2, 2), (plan.Status.Replicas, plan.Status.AvailableReplicas));
    }

    [Fact]
    public void A_terminating_pod_keeps_its_name_taken()
    {
        var world = new World(NewDeployment(1));
        var name = world.Reconcile().Create[0].Metadata.Name!;
        world.Pods.Add(OwnedPod(name, world.Hash, T0) with { Metadata = OwnedPod(name, world.Hash, T0).Metadata with { DeletionTimestamp = T0 } });

        var plan = world.Reconcile();

        Assert.NotEqual(name, Assert.Single(plan.Create).Metadata.Name);
    }
}
