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
            Assert.Empty(monitor.Check(Start.AddSeconds(second + 0.5), _ => SiloFate.Alive));
        }
    }

    [Fact]
    public void MarksASilentNodeAfterTheGraceThenEvictsAfterTheToleration()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);

        Assert.Empty(monitor.Check(Start.AddSeconds(5), _ => SiloFate.Alive));
        var mark = Assert.Single(monitor.Check(Start.AddSeconds(5.5), _ => SiloFate.Alive));
        Assert.Equal(new NodeAction(NodeActionKind.MarkUnreachable, "a", "Kubelet stopped posting node status."), mark);
        Assert.Empty(monitor.Check(Start.AddSeconds(8), _ => SiloFate.Alive));
        var evict = Assert.Single(monitor.Check(Start.AddSeconds(8.5), _ => SiloFate.Alive));
        Assert.Equal(NodeActionKind.EvictPods, evict.Kind);
        Assert.Empty(monitor.Check(Start.AddSeconds(60), _ => SiloFate.Alive));
    }

    [Fact]
    public void ADeadSiloMarksItsNodeAndEvictsItsPodsAtOnce()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        monitor.Heartbeat("b", "silo-b", Start);

        var actions = monitor.Check(Start.AddSeconds(1), silo => silo == "silo-b" ? SiloFate.Dead : SiloFate.Alive);

        Assert.Equal([NodeActionKind.MarkUnreachable, NodeActionKind.EvictPods], actions.Select(a => a.Kind));
        Assert.All(actions, action => Assert.Equal("b", action.Node));
        Assert.Contains("silo silo-b was declared dead", actions[0].Message);
        Assert.Equal("node b's silo silo-b was declared dead", actions[1].Message);
        Assert.Empty(monitor.Check(Start.AddSeconds(2), silo => silo == "silo-b" ? SiloFate.Dead : SiloFate.Alive));
    }

    [Fact]
    public void ASilentNodeWhoseSiloIsThenDeclaredDeadLosesItsPodsWithoutWaitingOutTheToleration()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        Assert.Equal(NodeActionKind.MarkUnreachable, Assert.Single(monitor.Check(Start.AddSeconds(6), _ => SiloFate.Alive)).Kind);

        var evict = Assert.Single(monitor.Check(Start.AddSeconds(7), _ => SiloFate.Dead));

        Assert.Equal(NodeActionKind.EvictPods, evict.Kind);
    }

    [Fact]
    public void ANodeKnownOnlyFromStorageWaitsOutTheTolerationThoughItsOldSiloIsDead()
    {
        // After a restart of the whole cluster every stored silo address is dead; the kubelets heartbeat within seconds.
        var monitor = new NodeMonitor(Options);
        monitor.Track("a", "old-silo", Start);

        Assert.Equal(NodeActionKind.MarkUnreachable, Assert.Single(monitor.Check(Start.AddSeconds(1), _ => SiloFate.Dead)).Kind);
        Assert.Empty(monitor.Check(Start.AddSeconds(2), _ => SiloFate.Dead));
        monitor.Heartbeat("a", "new-silo", Start.AddSeconds(2.5));
        Assert.Empty(monitor.Check(Start.AddSeconds(7), silo => silo == "old-silo" ? SiloFate.Dead : SiloFate.Alive));
        Assert.False(monitor.IsUnreachable("a"));
    }

    [Fact]
    public void ANodeKnownFromStorageWhoseSiloDiedInThisRunLosesItsPodsAtOnce()
    {
        // The controller itself moved, as its silo was the one that died: it learns the nodes again from storage.
        var monitor = new NodeMonitor(Options);
        monitor.Track("a", "silo-a", Start);

        var actions = monitor.Check(Start.AddSeconds(1), _ => SiloFate.DiedInThisRun);

        Assert.Equal([NodeActionKind.MarkUnreachable, NodeActionKind.EvictPods], actions.Select(a => a.Kind));
    }

    [Fact]
    public void AHeartbeatUndoesEverything()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        Assert.Single(monitor.Check(Start.AddSeconds(6), _ => SiloFate.Alive));
        Assert.True(monitor.IsUnreachable("a"));

        monitor.Heartbeat("a", "silo-a2", Start.AddSeconds(7));

        Assert.False(monitor.IsUnreachable("a"));
        Assert.Empty(monitor.Check(Start.AddSeconds(11), _ => SiloFate.Alive));
    }

    [Fact]
    public void ATrackedNodeGetsTheFullGraceFromWhenTrackingBegan()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Track("a", "silo-a", Start.AddMinutes(10));

        Assert.Empty(monitor.Check(Start.AddMinutes(10).AddSeconds(4), _ => SiloFate.Alive));
        Assert.Single(monitor.Check(Start.AddMinutes(10).AddSeconds(6), _ => SiloFate.Alive));
    }

    [Fact]
    public void AFailedActionIsReturnedAgain()
    {
        var monitor = new NodeMonitor(Options);
        monitor.Heartbeat("a", "silo-a", Start);
        var mark = Assert.Single(monitor.Check(Start.AddSeconds(6), _ => SiloFate.Alive));

        monitor.Retry(mark);

        Assert.Equal(NodeActionKind.MarkUnreachable, Assert.Single(monitor.Check(Start.AddSeconds(7), _ => SiloFate.Alive)).Kind);
        var evict = Assert.Single(monitor.Check(Start.AddSeconds(10), _ => SiloFate.Alive));
        monitor.Retry(evict);
        Assert.Equal(NodeActionKind.EvictPods, Assert.Single(monitor.Check(Start.AddSeconds(11), _ => SiloFate.Alive)).Kind);
    }
}
