using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>A pod, keyed <c>namespace/name</c>.</summary>
[Alias("okube.IPodGrain")]
public interface IPodGrain : IObjectGrain<Pod>
{
    /// <summary>
    /// Binds the pod to a node: sets <c>spec.nodeName</c> and <c>PodScheduled=True</c>. Fails with Conflict when the pod
    /// is another one than the binding was made for, or is already bound elsewhere; NotFound when it is gone.
    /// </summary>
    [Alias("Bind")]
    Task<Pod> BindAsync(PodBinding binding);

    /// <summary>Records that no node fits: <c>PodScheduled=False</c>, reason <c>Unschedulable</c>, with the scheduler's message.</summary>
    [Alias("MarkUnschedulable")]
    Task MarkUnschedulableAsync(string podUid, string message);

    /// <summary>
    /// From the kubelet of <paramref name="nodeName"/>: the pod's observed status. Scheduling conditions stay the
    /// scheduler's. Fails with NotFound when the pod is gone and Conflict when it is another pod (uid) or bound to another
    /// node, or when the pod already ended (Succeeded or Failed): the kubelet then stops what it runs.
    /// </summary>
    [Alias("ReportStatus")]
    Task ReportStatusAsync(string podUid, string nodeName, PodStatus status);
}
