namespace OrleansKube.Scheduling.Plugins;

/// <summary>A pod that names a node in <c>spec.nodeName</c> goes there or nowhere.</summary>
public sealed class NodeNameFit : IFilterPlugin
{
    public const string Reason = "node(s) didn't match the requested node name";

    private static readonly string[] Reasons = [Reason];

    public string Name => "NodeName";

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node) =>
        pod.NodeName is null || pod.NodeName == node.Name ? null : Reasons;
}
