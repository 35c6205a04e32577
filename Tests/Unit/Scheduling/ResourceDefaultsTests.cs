using OrleansKube.Kinds.Validation;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class ResourceDefaultsTests
{
    // Resources as "name=quantity" joined by ",".
    [Theory]
    [InlineData("", "", "")]
    [InlineData("", "cpu=500m,memory=128Mi", "cpu=500m,memory=128Mi")]
    [InlineData("cpu=100m", "cpu=500m,memory=128Mi", "cpu=100m,memory=128Mi")]
    [InlineData("memory=64Mi", "cpu=1,memory=128Mi", "cpu=1,memory=64Mi")]
    [InlineData("cpu=100m,memory=64Mi", "cpu=1,memory=128Mi", "cpu=100m,memory=64Mi")]
    [InlineData("cpu=250m", "", "cpu=250m")]
    [InlineData("", "example.com/gpu=1", "example.com/gpu=1")]
    [InlineData("cpu=0", "cpu=2", "cpu=0")] // an explicit zero is a request
    public void Requests_default_to_limits_per_resource(string requests, string limits, string expected)
    {
        var pod = Samples.Pod().WithContainer(c => c with
        {
            Resources = new() { Requests = Samples.Resources(Split(requests)), Limits = Samples.Resources(Split(limits)) },
        });

        var container = ObjectDefaults.Apply(pod).Spec.Containers[0];

        Assert.Equal(expected, string.Join(",", container.Resources.Requests.Select(r => $"{r.Key}={r.Value.Text}")));
        Assert.Equal(pod.Spec.Containers[0].Resources.Limits, container.Resources.Limits);
    }

    [Fact]
    public void Every_container_and_the_deployment_template_get_the_default()
    {
        var deployment = ObjectDefaults.Apply(Samples.Deployment().WithTemplateSpec(spec => spec with
        {
            Containers =
            [
                .. spec.Containers.Select(c => c with { Resources = new() { Limits = Samples.Resources("cpu=1", "memory=1Gi") } }),
            ],
        }));

        Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.Equal(Samples.Resources("cpu=1", "memory=1Gi"), c.Resources.Requests));
    }

    [Fact]
    public void Defaulting_twice_changes_nothing_more()
    {
        var pod = Samples.Pod().WithContainer(c => c with { Resources = new() { Limits = Samples.Resources("cpu=1") } });

        var once = ObjectDefaults.Apply(pod);

        Assert.Equal(once.Spec.Containers[0].Resources, ObjectDefaults.Apply(once).Spec.Containers[0].Resources);
        Assert.Empty(pod.Spec.Containers[0].Resources.Requests); // the object given is not changed
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');
}
