using OrleansKube.Deployments;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class RolloutEventTests
{
    [Fact]
    public void A_template_change_records_the_start_and_the_end_of_its_rollout()
    {
        var world = World.Converged(World.NewDeployment(replicas: 4, image: "nginx:1"));
        world.SetImage("nginx:2");
        var events = new List<DeploymentEvent>();

        for (var step = 0; step < 50 && !events.Any(e => e.Reason == "RolloutComplete"); step++)
        {
            events.AddRange(world.Step().Events);
        }

        var started = Assert.Single(events, e => e.Reason == "RolloutStarted");
        Assert.Equal($"Rolling out revision 2 (web-{world.Hash})", started.Message);
        var complete = Assert.Single(events, e => e.Reason == "RolloutComplete");
        Assert.Equal("Deployment \"web\" has successfully progressed to revision 2", complete.Message);
        Assert.True(events.IndexOf(started) < events.IndexOf(complete));
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set web-{world.Hash} to 4");
    }

    [Fact]
    public void A_converged_deployment_records_nothing_more()
    {
        var world = World.Converged(World.NewDeployment(replicas: 3));

        Assert.Empty(world.Reconcile().Events);
    }

    [Fact]
    public void The_first_rollout_of_a_new_deployment_is_not_reported_as_started()
    {
        var world = new World(World.NewDeployment(replicas: 2));

        var events = world.Step().Events;

        Assert.DoesNotContain(events, e => e.Reason == "RolloutStarted");
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet");
    }
}
