using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Silo.Kubelet.Probes;

namespace OrleansKube.Tests.Unit.Kubelet;

public sealed class ProbeTrackerTests
{
    [Fact]
    public void FailsAfterFailureThresholdFailuresInARow()
    {
        var tracker = new ProbeTracker(new Probe { FailureThreshold = 3 }, initial: true);

        var changes = new[] { false, false, true, false, false, false }.Select(tracker.Record).ToArray();

        Assert.Equal([false, false, false, false, false, true], changes);
        Assert.False(tracker.Healthy);
    }

    [Fact]
    public void RecoversAfterSuccessThresholdSuccessesInARow()
    {
        var tracker = new ProbeTracker(new Probe { SuccessThreshold = 2 }, initial: false);

        Assert.False(tracker.Record(true));
        Assert.False(tracker.Record(false));
        Assert.False(tracker.Record(true));
        Assert.True(tracker.Record(true));
        Assert.True(tracker.Healthy);
    }

    [Fact]
    public void TimingDefaultsAreKubernetes()
    {
        var probe = new Probe();

        Assert.Equal(TimeSpan.Zero, ProbeTracker.InitialDelay(probe));
        Assert.Equal(TimeSpan.FromSeconds(10), ProbeTracker.Period(probe));
        Assert.Equal(TimeSpan.FromSeconds(1), ProbeTracker.Timeout(probe));
    }

    [Fact]
    public void PortsGetHostPortsAndEnvironment()
    {
        var ports = new ContainerPorts(
        [
            new ContainerPort { Name = "http", Number = 8080, HostPort = 41000 },
            new ContainerPort { Name = "admin-api", Number = 9090, HostPort = 41001 },
        ]);

        Assert.Equal(
            [new("PORT", "41000"), new("PORT_HTTP", "41000"), new("PORT_ADMIN_API", "41001")],
            ports.Environment().ToArray());
        Assert.Equal(41000, ports.Resolve(new IntOrString("http")));
        Assert.Equal(41001, ports.Resolve(new IntOrString(9090)));
        Assert.Equal(41001, ports.Resolve(new IntOrString("9090")));
        Assert.Equal(5000, ports.Resolve(new IntOrString(5000)));
        Assert.Throws<ArgumentException>(() => ports.Resolve(new IntOrString("metrics")));
    }
}
