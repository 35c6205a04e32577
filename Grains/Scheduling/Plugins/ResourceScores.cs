namespace OrleansKube.Scheduling.Plugins;

/// <summary>
/// Prefers nodes with the most room left after placing the pod (spreading), averaged over cpu and memory.
/// Kubernetes' <c>NodeResourcesFit</c> with the <c>LeastAllocated</c> strategy.
/// </summary>
public sealed class LeastAllocated : IScorePlugin
{
    public string Name => nameof(LeastAllocated);

    public long Score(SchedulingPod pod, NodeInfo node) =>
        (Free(node.NonZeroRequestedCpuMilli + pod.NonZeroCpuMilli, node.AllocatableCpuMilli) +
         Free(node.NonZeroRequestedMemory + pod.NonZeroMemory, node.AllocatableMemory)) / 2;

    private static long Free(long requested, long allocatable) =>
        allocatable <= 0 || requested > allocatable ? 0 : (allocatable - requested) * ScoreNormalizer.MaxScore / allocatable;
}

/// <summary>
/// Prefers nodes that are already the fullest (bin packing), averaged over cpu and memory.
/// Kubernetes' <c>NodeResourcesFit</c> with the <c>MostAllocated</c> strategy.
/// </summary>
public sealed class MostAllocated : IScorePlugin
{
    public string Name => nameof(MostAllocated);

    public long Score(SchedulingPod pod, NodeInfo node) =>
        (Used(node.NonZeroRequestedCpuMilli + pod.NonZeroCpuMilli, node.AllocatableCpuMilli) +
         Used(node.NonZeroRequestedMemory + pod.NonZeroMemory, node.AllocatableMemory)) / 2;

    private static long Used(long requested, long allocatable) =>
        allocatable <= 0 ? 0 : Math.Min(requested, allocatable) * ScoreNormalizer.MaxScore / allocatable;
}

/// <summary>
/// Prefers nodes whose cpu and memory would be used in equal shares, so neither runs out while the other idles:
/// 100 × (1 − the standard deviation of the two fractions). Kubernetes' <c>NodeResourcesBalancedAllocation</c>.
/// </summary>
public sealed class BalancedAllocation : IScorePlugin
{
    public string Name => nameof(BalancedAllocation);

    public long Score(SchedulingPod pod, NodeInfo node)
    {
        var cpu = Fraction(node.NonZeroRequestedCpuMilli + pod.NonZeroCpuMilli, node.AllocatableCpuMilli);
        var memory = Fraction(node.NonZeroRequestedMemory + pod.NonZeroMemory, node.AllocatableMemory);
        var deviation = Math.Abs(cpu - memory) / 2;
        return (long)((1 - deviation) * ScoreNormalizer.MaxScore);
    }

    private static double Fraction(long requested, long allocatable) =>
        allocatable <= 0 ? 1 : Math.Min(1, (double)requested / allocatable);
}
