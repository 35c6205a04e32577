using OrleansKube.Silo.Kubelet;

namespace OrleansKube.Tests.Unit.Kubelet;

public sealed class RestartBackOffTests
{
    [Fact]
    public void FirstCrashRestartsAtOnceThenDoublesUpToTheMaximum()
    {
        var backOff = new RestartBackOff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

        var delays = Enumerable.Range(0, 8).Select(_ => backOff.Next(TimeSpan.FromSeconds(1)).TotalSeconds).ToArray();

        Assert.Equal([0, 10, 20, 40, 80, 160, 300, 300], delays);
    }

    [Fact]
    public void ALongRunForgetsEarlierCrashes()
    {
        var backOff = new RestartBackOff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
        backOff.Next(TimeSpan.FromSeconds(1));
        backOff.Next(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(20), backOff.Next(TimeSpan.FromSeconds(1)));

        Assert.Equal(TimeSpan.Zero, backOff.Next(TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), backOff.Next(TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    [InlineData(null, 0, true)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 137, true)]
    [InlineData("Never", 1, false)]
    [InlineData("Never", 0, false)]
    public void RestartPolicyDecides(string? policy, int exitCode, bool restarts) =>
        Assert.Equal(restarts, RestartPolicies.ShouldRestart(new Model.Pods.PodSpec { RestartPolicy = policy }, exitCode));
}
