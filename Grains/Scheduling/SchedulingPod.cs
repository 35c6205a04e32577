using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Scheduling;

/// <summary>What the scheduler needs of a pod: its identity, the sum of its containers' requests, and its placement constraints.</summary>
public sealed record SchedulingPod
{
    /// <summary>The cpu a pod that requests none counts as when spreading pods, as Kubernetes does (100m).</summary>
    public const long DefaultNonZeroCpuMilli = 100;

    /// <summary>The memory a pod that requests none counts as when spreading pods, as Kubernetes does (200Mi).</summary>
    public const long DefaultNonZeroMemory = 200L * 1024 * 1024;

    public required string Key { get; init; }
    public required string Uid { get; init; }
    public long CpuMilli { get; init; }
    public long Memory { get; init; }
    public ImmutableSortedDictionary<string, string> NodeSelector { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableList<Toleration> Tolerations { get; init; } = [];

    /// <summary>The node the pod asks for by name, or null.</summary>
    public string? NodeName { get; init; }

    public long NonZeroCpuMilli => CpuMilli == 0 ? DefaultNonZeroCpuMilli : CpuMilli;

    public long NonZeroMemory => Memory == 0 ? DefaultNonZeroMemory : Memory;

    public static SchedulingPod From(Pod pod)
    {
        long cpu = 0, memory = 0;
        foreach (var container in pod.Spec.Containers)
        {
            if (container.Resources.Requests.TryGetValue(WellKnown.Cpu, out var c))
            {
                cpu += c.MilliValue;
            }

            if (container.Resources.Requests.TryGetValue(WellKnown.Memory, out var m))
            {
                memory += m.WholeValue;
            }
        }

        return new SchedulingPod
        {
            Key = ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!),
            Uid = pod.Metadata.Uid ?? "",
            CpuMilli = cpu,
            Memory = memory,
            NodeSelector = pod.Spec.NodeSelector,
            Tolerations = pod.Spec.Tolerations,
            NodeName = string.IsNullOrEmpty(pod.Spec.NodeName) ? null : pod.Spec.NodeName,
        };
    }

    /// <summary>True when the pod has been bound: <c>PodScheduled=True</c> and a node name.</summary>
    public static bool IsBound(Pod pod) =>
        !string.IsNullOrEmpty(pod.Spec.NodeName) &&
        pod.Status?.Conditions.Any(c => c.Type == WellKnown.PodScheduled && c.Status == WellKnown.ConditionTrue) == true;
}
