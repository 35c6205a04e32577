using OrleansKube.Model.Nodes;

namespace OrleansKube.Scheduling.Plugins;

/// <summary>A cordoned node (<c>spec.unschedulable</c>) takes no new pods, unless they tolerate <c>node.kubernetes.io/unschedulable</c>.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    public const string Reason = "node(s) were unschedulable";
    public const string TaintKey = "node.kubernetes.io/unschedulable";

    private static readonly string[] Reasons = [Reason];
    private static readonly Taint UnschedulableTaint = new() { Key = TaintKey, Effect = TaintEffects.NoSchedule };

    public string Name => nameof(NodeUnschedulable);

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node) =>
        !node.Unschedulable || pod.Tolerations.Any(t => Tolerations.Tolerates(t, UnschedulableTaint)) ? null : Reasons;
}
