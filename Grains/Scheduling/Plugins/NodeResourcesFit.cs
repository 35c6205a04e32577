namespace OrleansKube.Scheduling.Plugins;

/// <summary>The pod's cpu and memory requests, and one more pod, fit in what the node has left of its allocatable.</summary>
public sealed class NodeResourcesFit : IFilterPlugin
{
    public const string TooManyPods = "Too many pods";
    public const string InsufficientCpu = "Insufficient cpu";
    public const string InsufficientMemory = "Insufficient memory";

    public string Name => nameof(NodeResourcesFit);

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node)
    {
        List<string>? reasons = null;
        if (node.PodCount + 1 > node.AllocatablePods)
        {
            (reasons ??= []).Add(TooManyPods);
        }

        if (pod.CpuMilli > 0 && node.RequestedCpuMilli + pod.CpuMilli > node.AllocatableCpuMilli)
        {
            (reasons ??= []).Add(InsufficientCpu);
        }

        if (pod.Memory > 0 && node.RequestedMemory + pod.Memory > node.AllocatableMemory)
        {
            (reasons ??= []).Add(InsufficientMemory);
        }

        return reasons;
    }
}
