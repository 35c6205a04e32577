using System.Collections.Immutable;
using OrleansKube.Grains;

namespace OrleansKube.Model.Nodes;

/// <summary>
/// What a kubelet sends its node grain every few seconds: the node as it sees it (labels, capacity, conditions,
/// addresses), the silo it runs in, how to reach it, and what it measured. The first one registers the node.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.NodeHeartbeat")]
public sealed record NodeHeartbeat
{
    /// <summary>Labels and status as the kubelet observes them; spec (unschedulable, taints) stays the user's.</summary>
    [Id(0)] public Node Node { get; init; } = new();

    /// <summary>The Orleans address of the kubelet's silo, so membership can tell the node is gone with its silo.</summary>
    [Id(1)] public string SiloAddress { get; init; } = "";

    [Id(2)] public IKubeletObserver? Kubelet { get; init; }
    [Id(3)] public NodeMetrics? Metrics { get; init; }
}

/// <summary>The node grain's answer to a heartbeat: the pods bound to the node, so the kubelet can start any it missed.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeHeartbeatResult")]
public sealed record NodeHeartbeatResult
{
    /// <summary>Keys (<c>namespace/name</c>) of the pods bound to the node.</summary>
    [Id(0)] public ImmutableList<string> PodKeys { get; init; } = [];
}
