using Orleans.Concurrency;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>
/// A node, keyed by its name. It keeps the pods bound to it and hands them to its kubelet; a simulated node
/// (annotation <c>okube.io/simulated: "true"</c>) runs them itself, at once and without processes.
/// </summary>
[Alias("okube.INodeGrain")]
public interface INodeGrain : IObjectGrain<Node>
{
    /// <summary>Takes a pod the scheduler bound here.</summary>
    [AlwaysInterleave, Alias("AssignPod")]
    Task AssignPodAsync(Pod pod);

    /// <summary>Lets go of a pod that is deleted; its kubelet stops it.</summary>
    [AlwaysInterleave, Alias("ReleasePod")]
    Task ReleasePodAsync(string podKey, string podUid);

    /// <summary>The keys (<c>namespace/name</c>) of the pods bound here.</summary>
    [AlwaysInterleave, Alias("GetPods")]
    Task<IReadOnlyList<string>> GetPodsAsync();

    /// <summary>
    /// From the node's kubelet: registers the node on the first call, keeps it Ready, and records how to reach the
    /// kubelet and what it measured. Answers with the pods bound here.
    /// </summary>
    [Alias("Heartbeat")]
    Task<NodeHeartbeatResult> HeartbeatAsync(NodeHeartbeat heartbeat);

    /// <summary>Reads a pod's container log through the node's kubelet; ServiceUnavailable when the kubelet cannot be reached.</summary>
    [AlwaysInterleave, Alias("ReadPodLogs")]
    Task<PodLogChunk> ReadPodLogsAsync(PodLogRequest request);

    /// <summary>What the kubelet measured last, or null for a node without one (simulated, or not heard from).</summary>
    [AlwaysInterleave, Alias("GetMetrics")]
    Task<NodeMetrics?> GetMetricsAsync();

    /// <summary>From the node lifecycle controller: the kubelet went silent; Ready becomes Unknown until it reports again.</summary>
    [Alias("MarkUnreachable")]
    Task MarkUnreachableAsync(string message);

    /// <summary>
    /// From the node lifecycle controller: the node stayed unreachable past the toleration; its pods that have not ended
    /// are failed with reason <c>NodeLost</c>, so their owners replace them. Returns how many were failed.
    /// </summary>
    [Alias("EvictPods")]
    Task<int> EvictPodsAsync();
}
