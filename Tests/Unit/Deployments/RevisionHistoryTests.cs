using OrleansKube.Deployments;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class RevisionHistoryTests
{
    [Fact]
    public void A_new_template_appends_a_revision_with_its_change_cause()
    {
        var world = Converged(NewDeployment(2));
        var first = Assert.Single(world.History);
        Assert.Equal((1L, world.Hash, T0), (first.Revision, first.TemplateHash, first.CreationTimestamp!.Value));

        world.Now = T0.AddMinutes(5);
        world.Deployment = world.Deployment with
        {
            Metadata = world.Deployment.Metadata with { Annotations = world.Deployment.Metadata.Annotations.Add(RevisionHistory.ChangeCauseAnnotation, "image 2") },
        };
        world.SetImage("nginx:2");
        var plan = world.Reconcile();

        Assert.Equal([1L, 2L], plan.History.Select(r => r.Revision));
        var second = plan.History[^1];
        Assert.Equal((world.Hash, "image 2", T0.AddMinutes(5)), (second.TemplateHash, second.ChangeCause, second.CreationTimestamp!.Value));
        Assert.True(OrleansKube.Serialization.KubeJson.SameJson(world.Deployment.Spec.Template, second.Template));
        Assert.Null(plan.History[0].ChangeCause);
    }

    [Fact]
    public void A_rollback_renumbers_the_old_revision_as_the_newest()
    {
        var world = Converged(NewDeployment(2));
        var firstHash = world.Hash;
        world.SetImage("nginx:2");
        world.Converge();
        var secondHash = world.Hash;

        world.SetImage("nginx:1");
        var plan = world.Step();

        Assert.Equal([(2L, secondHash), (3L, firstHash)], plan.History.Select(r => (r.Revision, r.TemplateHash)));
        Assert.Equal(T0, plan.History[^1].CreationTimestamp);
        world.Converge();
        Assert.All(world.Pods, pod => Assert.Equal(firstHash, pod.Metadata.Labels[PodTemplateHash.Label]));
    }

    [Theory]
    [InlineData(0, new long[] { 6 })]
    [InlineData(2, new long[] { 4, 5, 6 })]
    [InlineData(10, new long[] { 1, 2, 3, 4, 5, 6 })]
    public void Old_revisions_are_trimmed_to_the_limit(int limit, long[] expected)
    {
        var world = Converged(NewDeployment(1, revisionHistoryLimit: limit));
        for (var image = 2; image <= 6; image++)
        {
            world.SetImage($"nginx:{image}");
            world.Converge();
        }

        Assert.Equal(expected, world.History.Select(r => r.Revision));
        Assert.Equal(world.Hash, world.History[^1].TemplateHash);
    }

    [Fact]
    public void A_revision_that_still_has_pods_is_kept()
    {
        var world = Converged(NewDeployment(2, revisionHistoryLimit: 0));
        var firstHash = world.Hash;
        world.SetImage("nginx:2");

        var plan = world.Reconcile();

        Assert.Equal([firstHash, world.Hash], plan.History.Select(r => r.TemplateHash));
        world.Converge();
        Assert.Equal([world.Hash], world.History.Select(r => r.TemplateHash));
    }

    [Fact]
    public void Changing_the_change_cause_updates_the_current_revision()
    {
        var world = Converged(NewDeployment(1));
        world.Deployment = world.Deployment with
        {
            Metadata = world.Deployment.Metadata with { Annotations = world.Deployment.Metadata.Annotations.Add(RevisionHistory.ChangeCauseAnnotation, "why") },
        };

        var plan = world.Reconcile();

        Assert.Equal("why", Assert.Single(plan.History).ChangeCause);
        Assert.Equal(1, Assert.Single(plan.History).Revision);
    }
}
