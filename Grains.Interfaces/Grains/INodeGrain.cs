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

    /// <summary>Lets go of a pod that is deleted.</summary>
    [AlwaysInterleave, Alias("ReleasePod")]
    Task ReleasePodAsync(string podKey);

    /// <summary>The keys (<c>namespace/name</c>) of the pods bound here.</summary>
    [AlwaysInterleave, Alias("GetPods")]
    Task<IReadOnlyList<string>> GetPodsAsync();
}
