using OrleansKube.Model.Deployments;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube scale</c> against <see cref="FakeCluster"/>: every way kubectl names a deployment, and its errors.</summary>
public sealed class ScaleTests
{
    private readonly FakeCluster _cluster = new();

    public static TheoryData<string[]> Forms() => new()
    {
        { ["scale", "deployment", "web", "--replicas", "5"] },
        { ["scale", "deploy", "web", "--replicas=5"] },
        { ["scale", "deployments", "web", "--replicas", "5"] },
        { ["scale", "deployment.apps", "web", "--replicas", "5"] },
        { ["scale", "deployment/web", "--replicas", "5"] },
        { ["scale", "--replicas", "5", "deploy/web"] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Scale_sets_the_desired_replicas_and_says_so(string[] args)
    {
        _cluster.Put(TestObjects.Deployment("web", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync([.. args, "-n", "demo"]));
        Assert.Equal("deployment.apps/web scaled\n", terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
        Assert.Equal(5, ((Deployment)_cluster.Find(Deployment.KindName, "demo/web")!).Spec.Replicas);
    }

    [Fact]
    public async Task Scale_to_zero_is_allowed()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("scale", "deploy", "web", "--replicas", "0"));
        Assert.Equal("deployment.apps/web scaled\n", terminal.Out.Text);
        Assert.Equal(0, ((Deployment)_cluster.Find(Deployment.KindName, "default/web")!).Spec.Replicas);
    }

    [Fact]
    public async Task A_missing_deployment_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("scale", "deployment", "ghost", "--replicas", "2"));
        Assert.Equal("error: deployments.apps \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    [Theory]
    [InlineData("pod", "the server could not find the requested resource")]
    [InlineData("frob", "the server doesn't have a resource type \"frob\"")]
    public async Task Other_kinds_fail_before_connecting(string kind, string message)
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("scale", kind, "web", "--replicas", "2"));
        Assert.Equal($"error: {message}\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, terminal.Connections);
    }
}
