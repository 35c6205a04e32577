using OrleansKube.Nodes;

namespace OrleansKube.Tests.Unit.Nodes;

public sealed class NodeMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly NodeLifecycleOptions Options = new()
    {
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(5),
        PodEvictionTimeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public void DoesNothingWhileHeartbeatsArrive()
    {
        var monitor = new NodeMonitor(Options);
        for (var second = 0; second < 20; second++)
        {
            monitor.Heartbeat("a", "silo-a", Start.AddSeconds(second));
            Assert.Empty(monitor.Check(Start.AddSeconds(second + 0.5), _ => false));
        }
    }

    [Fact]
    public void MarksASilentNodeAfterTheGraceThenEvictsAfterTheToleration()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);

        Assert.Empty(monitor.Check(Start.AddSeconds(5), _ => false));
        var mark = Assert.Single(monitor.Check(Start.AddSeconds(5.5), _ => false));
        Assert.Equal(new NodeAction(NodeActionKind.MarkUnreachable, "a", "Kubelet stopped posting node status."), mark);
        Assert.Empty(monitor.Check(Start.AddSeconds(8), _ => false));
        var evict = Assert.Single(monitor.Check(Start.AddSeconds(8.5), _ => false));
        Assert.Equal(NodeActionKind.EvictPods, evict.Kind);
        Assert.Empty(monitor.Check(Start.AddSeconds(60), _ => false));
    }

    [Fact]
    public void ADeadSiloMarksItsNodeAtOnce()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        monitor.Heartbeat("b", "silo-b", Start);

        var actions = monitor.Check(Start.AddSeconds(1), silo => silo == "silo-b");

        var mark = Assert.Single(actions);
        Assert.Equal("b", mark.Node);
        Assert.Contains("silo silo-b was declared dead", mark.Message);
    }

    [Fact]
    public void AHeartbeatUndoesEverything()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        Assert.Single(monitor.Check(Start.AddSeconds(6), _ => false));
        Assert.True(monitor.IsUnreachable("a"));

        monitor.Heartbeat("a", "silo-a2", Start.AddSeconds(7));

        Assert.False(monitor.IsUnreachable("a"));
        Assert.Empty(monitor.Check(Start.AddSeconds(11), _ => false));
    }

    [Fact]
    public void ATrackedNodeGetsTheFullGraceFromWhenTrackingBegan()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Track("a", "silo-a", Start.AddMinutes(10));

        Assert.Empty(monitor.Check(Start.AddMinutes(10).AddSeconds(4), _ => false));
        Assert.Single(monitor.Check(Start.AddMinutes(10).AddSeconds(6), _ => false));
    }

    [Fact]
    public void AFailedActionIsReturnedAgain()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        var mark = Assert.Single(monitor.Check(Start.AddSeconds(6), _ => false));

        monitor.Retry(mark);

        Assert.Equal(NodeActionKind.MarkUnreachable, Assert.Single(monitor.Check(Start.AddSeconds(7), _ => false)).Kind);
        var evict = Assert.Single(monitor.Check(Start.AddSeconds(10), _ => false));
        monitor.Retry(evict);
        Assert.Equal(NodeActionKind.EvictPods, Assert.Single(monitor.Check(Start.AddSeconds(11), _ => false)).Kind);
    }
}
