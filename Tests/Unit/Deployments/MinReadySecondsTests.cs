using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class MinReadySecondsTests
{
    [Theory]
    [InlineData(10, 0, 20)]
    [InlineData(29, 0, 1)]
    [InlineData(30, 3, null)]
    [InlineData(45, 3, null)]
    public void Pods_count_as_available_only_after_minReadySeconds(int secondsLater, int available, int? requeueSeconds)
    {
        var world = new World(NewDeployment(3, minReadySeconds: 30));
        world.Step();
        world.Now = T0.AddSeconds(secondsLater);

        var plan = world.Step();

        Assert.Equal(3, plan.Status.ReadyReplicas);
        Assert.Equal(available, plan.Status.AvailableReplicas);
        Assert.Equal(3 - available, plan.Status.UnavailableReplicas);
        Assert.Equal(requeueSeconds is { } s ? TimeSpan.FromSeconds(s) : null, plan.RequeueAfter);
    }

    [Fact]
    public void A_rollout_waits_for_new_pods_to_become_available()
    {
        var world = new World(NewDeployment(2, maxSurge: 1, maxUnavailable: 0, minReadySeconds: 30));
        world.Step();
        world.Now = T0.AddSeconds(30);
        world.Step();
        world.SetImage("nginx:2");

        var first = world.Step();
        Assert.Single(first.Create);
        Assert.Empty(first.Delete);

        world.Now = T0.AddSeconds(40);
        var waiting = world.Step();
        Assert.Empty(waiting.Create);
        Assert.Empty(waiting.Delete);
        Assert.Equal(TimeSpan.FromSeconds(20), waiting.RequeueAfter);

        world.Now = T0.AddSeconds(60);
        var next = world.Step();
        Assert.Single(next.Delete);
    }
}
