using OrleansKube.Deployments;
using OrleansKube.Model.Deployments;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class StatusTests
{
    [Fact]
    public void Status_counts_what_was_observed()
    {
        var world = new World(NewDeployment(5) with { Metadata = NewDeployment().Metadata with { Generation = 7 } });
        var hash = world.Hash;
        world.Pods.Add(Ready(OwnedPod("new-ready", hash, T0), T0));
        world.Pods.Add(NotReady(OwnedPod("new-not-ready", hash, T0)));
        world.Pods.Add(Ready(OwnedPod("old-ready", "oldhash", T0), T0));
        world.Pods.Add(Ready(OwnedPod("old-going", "oldhash", T0), T0) with { Metadata = OwnedPod("old-going", "oldhash", T0).Metadata with { DeletionTimestamp = T0 } });

        var status = world.Reconcile().Status;

        Assert.Equal(7, status.ObservedGeneration);
        Assert.Equal((3, 2, 2, 2, 3), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
    }

    [Theory]
    [InlineData(4, 3, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")]
    [InlineData(4, 2, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")]
    [InlineData(10, 8, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")]
    [InlineData(10, 7, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")]
    public void Available_means_no_more_than_maxUnavailable_missing(int replicas, int ready, string expected, string reason, string message)
    {
        var world = new World(NewDeployment(replicas));
        for (var i = 0; i < replicas; i++)
        {
            var pod = OwnedPod($"p{i}", world.Hash, T0);
            world.Pods.Add(i < ready ? Ready(pod, T0) : NotReady(pod));
        }

        var conditions = world.Reconcile().Status.Conditions;

        Assert.Equal(["Available", "Progressing"], conditions.Select(c => c.Type));
        Assert.Equal((expected, reason, message), (conditions[0].Status, conditions[0].Reason, conditions[0].Message));
    }

    [Fact]
    public void Progressing_reports_progress_then_completion()
    {
        var world = new World(NewDeployment(2));
        var progressing = Progressing(world.Step());
        Assert.Equal(("True", "ReplicaSetUpdated", $"ReplicaSet \"web-{world.Hash}\" is progressing.", T0), (progressing.Status, progressing.Reason, progressing.Message, progressing.LastUpdateTime!.Value));

        world.Now = T0.AddSeconds(5);
        var complete = Progressing(world.Step());
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{world.Hash}\" has successfully progressed."), (complete.Status, complete.Reason, complete.Message));
        Assert.Equal((T0.AddSeconds(5), T0), (complete.LastUpdateTime!.Value, complete.LastTransitionTime!.Value));

        world.Now = T0.AddHours(1);
        Assert.Equal(complete, Progressing(world.Reconcile()));
    }

    [Fact]
    public void A_rollout_that_makes_no_progress_exceeds_its_deadline()
    {
        var world = new World(NewDeployment(2, progressDeadlineSeconds: 60));
        world.Step(ready: false);

        world.Now = T0.AddSeconds(1);
        var counted = world.Step(ready: false);
        Assert.Equal("ReplicaSetUpdated", Progressing(counted).Reason);
        Assert.Equal(TimeSpan.FromSeconds(61), counted.RequeueAfter);

        world.Now = T0.AddSeconds(30);
        var waiting = world.Step(ready: false);
        Assert.Equal(Progressing(counted), Progressing(waiting));
        Assert.Equal(TimeSpan.FromSeconds(32), waiting.RequeueAfter);

        world.Now = T0.AddSeconds(62);
        var late = world.Step(ready: false);
        var exceeded = Progressing(late);
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"web-{world.Hash}\" has timed out progressing.", T0.AddSeconds(62)),
            (exceeded.Status, exceeded.Reason, exceeded.Message, exceeded.LastTransitionTime!.Value));
        Assert.Null(late.RequeueAfter);
        Assert.Empty(late.Create);

        // Progress again: the pods become ready.
        world.Now = T0.AddSeconds(70);
        foreach (var name in world.Pods.Select(pod => pod.Metadata.Name!).ToList())
        {
            world.Replace(name, pod => Ready(pod, world.Now));
        }

        var recovered = Progressing(world.Step());
        Assert.Equal(("True", "NewReplicaSetAvailable", T0.AddSeconds(70)), (recovered.Status, recovered.Reason, recovered.LastTransitionTime!.Value));
    }

    private static DeploymentCondition Progressing(ReconcilePlan plan) => plan.Status.Conditions.Single(c => c.Type == "Progressing");
}
