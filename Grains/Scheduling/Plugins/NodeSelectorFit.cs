namespace OrleansKube.Scheduling.Plugins;

/// <summary>Every <c>nodeSelector</c> label of the pod is on the node with the same value.</summary>
public sealed class NodeSelectorFit : IFilterPlugin
{
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    private static readonly string[] Reasons = [Reason];

    public string Name => "NodeAffinity";

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node)
    {
        foreach (var (key, value) in pod.NodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return Reasons;
            }
        }

        return null;
    }
}
