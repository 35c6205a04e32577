using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>
/// The kubelet of a real node as its node grain reaches it: one per silo, registered with every heartbeat, so a node
/// grain that moved to another silo finds its kubelet again within one heartbeat.
/// </summary>
[Alias("okube.IKubeletObserver")]
public interface IKubeletObserver : IGrainObserver
{
    /// <summary>A pod was bound to this node: start it (again, if it already runs this is a no-op).</summary>
    [Alias("PodAssigned")]
    Task PodAssignedAsync(Pod pod);

    /// <summary>A pod was deleted: stop its containers gracefully and forget it.</summary>
    [Alias("PodReleased")]
    Task PodReleasedAsync(string podKey, string podUid);

    /// <summary>Reads a container's log from this node's disk.</summary>
    [Alias("ReadLogs")]
    Task<PodLogChunk> ReadLogsAsync(PodLogRequest request);
}
