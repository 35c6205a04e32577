using OrleansKube.Model;
using OrleansKube.Serialization;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Nodes;

/// <summary>
/// Folds what a kubelet reports into the stored node: its status replaces the stored one, its labels and annotations
/// are set over the stored ones (those a user added stay), and a condition keeps its transition time while its status holds. Whether the result is worth a write
/// ignores heartbeat times, so a steady node is written only now and then.
/// </summary>
public static class NodeStatusReport
{
    public static Node Merge(Node stored, Node reported)
    {
        var labels = stored.Metadata.Labels.SetItems(reported.Metadata.Labels);
        var annotations = stored.Metadata.Annotations.SetItems(reported.Metadata.Annotations);
        var previous = stored.Status?.Conditions ?? [];
        var status = (reported.Status ?? new NodeStatus()) with
        {
            Conditions =
            [
                .. (reported.Status?.Conditions ?? []).Select(condition =>
                    previous.FirstOrDefault(p => p.Type == condition.Type) is { } before && before.Status == condition.Status
                        ? condition with { LastTransitionTime = before.LastTransitionTime }
                        : condition),
            ],
        };
        return stored with { Metadata = stored.Metadata with { Labels = labels, Annotations = annotations }, Status = status };
    }

    /// <summary>Whether <paramref name="merged"/> says anything <paramref name="stored"/> does not, heartbeat times aside.</summary>
    public static bool Changed(Node stored, Node merged) =>
        !KubeJson.SameJson(WithoutHeartbeats(stored), WithoutHeartbeats(merged));

    /// <summary>The node with its Ready condition set to Unknown, as Kubernetes marks a node whose kubelet went silent.</summary>
    public static Node Unreachable(Node node, string message, DateTimeOffset now)
    {
        var status = node.Status ?? new NodeStatus();
        var ready = status.Conditions.FirstOrDefault(c => c.Type == WellKnown.NodeReady);
        var unknown = new NodeCondition
        {
            Type = WellKnown.NodeReady,
            Status = WellKnown.ConditionUnknown,
            Reason = "NodeStatusUnknown",
            Message = message,
            LastHeartbeatTime = ready?.LastHeartbeatTime,
            LastTransitionTime = ready?.Status == WellKnown.ConditionUnknown ? ready.LastTransitionTime : now,
        };
        return node with { Status = status with { Conditions = [.. status.Conditions.Where(c => c.Type != WellKnown.NodeReady), unknown] } };
    }

    public static bool IsReady(Node node) =>
        node.Status?.Conditions.Any(c => c.Type == WellKnown.NodeReady && c.Status == WellKnown.ConditionTrue) == true;

    private static Node WithoutHeartbeats(Node node) => node with
    {
        Metadata = node.Metadata with { ResourceVersion = null },
        Status = node.Status is { } status
            ? status with { Conditions = [.. status.Conditions.Select(c => c with { LastHeartbeatTime = null })] }
            : null,
    };
}
