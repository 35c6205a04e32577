using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Nodes;

namespace OrleansKube.Tests.Unit.Nodes;

public sealed class NodeStatusReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KeepsUserLabelsAndTheTransitionTimeOfAHoldingCondition()
    {
        var stored = Node(Now, "True") with
        {
            Metadata = new ObjectMeta
            {
                Name = "n",
                ResourceVersion = "5",
                Labels = ImmutableSortedDictionary<string, string>.Empty.Add("team", "a").Add(WellKnown.HostnameLabel, "n"),
            },
        };
        var reported = Node(Now.AddSeconds(30), "True");

        var merged = NodeStatusReport.Merge(stored, reported);

        Assert.Equal("a", merged.Metadata.Labels["team"]);
        Assert.Equal("n", merged.Metadata.Labels[WellKnown.HostnameLabel]);
        var ready = Assert.Single(merged.Status!.Conditions);
        Assert.Equal(Now, ready.LastTransitionTime);
        Assert.Equal(Now.AddSeconds(30), ready.LastHeartbeatTime);
        Assert.False(NodeStatusReport.Changed(stored, merged));
    }

    [Fact]
    public void ANewLabelIsAChange()
    {
        var stored = Node(Now, "True") with { Metadata = new ObjectMeta { Name = "n" } };

        Assert.True(NodeStatusReport.Changed(stored, NodeStatusReport.Merge(stored, Node(Now, "True"))));
    }

    [Fact]
    public void AChangedConditionIsAChange()
    {
        var stored = Node(Now, "True");

        var merged = NodeStatusReport.Merge(stored, Node(Now.AddSeconds(1), "False"));

        Assert.True(NodeStatusReport.Changed(stored, merged));
        Assert.Equal(Now.AddSeconds(1), Assert.Single(merged.Status!.Conditions).LastTransitionTime);
    }

    [Fact]
    public void UnreachableMakesReadyUnknown()
    {
        var node = NodeStatusReport.Unreachable(Node(Now, "True"), "Kubelet stopped posting node status.", Now.AddSeconds(9));

        var ready = Assert.Single(node.Status!.Conditions);
        Assert.Equal(WellKnown.ConditionUnknown, ready.Status);
        Assert.Equal("NodeStatusUnknown", ready.Reason);
        Assert.Equal(Now, ready.LastHeartbeatTime);
        Assert.Equal(Now.AddSeconds(9), ready.LastTransitionTime);
        Assert.False(NodeStatusReport.IsReady(node));
    }

    [Fact]
    public void ALostPodFailsWithNodeLost()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web-1", Namespace = "default" },
            Status = new PodStatus
            {
                Phase = PodPhase.Running,
                Conditions = [new PodCondition { Type = WellKnown.PodScheduled, Status = WellKnown.ConditionTrue }, new PodCondition { Type = WellKnown.PodReady, Status = WellKnown.ConditionTrue }],
                ContainerStatuses = [new ContainerStatus { Name = "c", Ready = true }],
            },
        };

        var status = NodeLoss.FailedStatus(pod, "n1", Now);

        Assert.Equal(PodPhase.Failed, status.Phase);
        Assert.Equal("NodeLost", status.Reason);
        Assert.Equal("Node n1 which was running pod web-1 is unresponsive", status.Message);
        Assert.Equal(WellKnown.ConditionTrue, Assert.Single(status.Conditions, c => c.Type == WellKnown.PodScheduled).Status);
        Assert.Equal(WellKnown.ConditionFalse, Assert.Single(status.Conditions, c => c.Type == WellKnown.PodReady).Status);
        Assert.False(Assert.Single(status.ContainerStatuses).Ready);
    }

    private static Node Node(DateTimeOffset heartbeat, string ready) => new()
    {
        Metadata = new ObjectMeta { Name = "n", Labels = ImmutableSortedDictionary<string, string>.Empty.Add(WellKnown.HostnameLabel, "n") },
        Status = new NodeStatus
        {
            Conditions = [new NodeCondition { Type = WellKnown.NodeReady, Status = ready, LastHeartbeatTime = heartbeat, LastTransitionTime = heartbeat }],
        },
    };
}
