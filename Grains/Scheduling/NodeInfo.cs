using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Scheduling;

/// <summary>
/// The scheduler's view of one node: what it offers and what is already requested on it by bound and assumed pods.
/// Requests are kept twice, as asked and with Kubernetes' non-zero defaults for pods that ask for nothing (for scoring).
/// </summary>
public sealed class NodeInfo
{
    /// <summary>Pods a node takes when its allocatable does not say (Kubernetes' kubelet default).</summary>
    public const long DefaultMaxPods = 110;

    public NodeInfo(string name) => Name = name;

    public string Name { get; }
    public long AllocatableCpuMilli { get; private set; }
    public long AllocatableMemory { get; private set; }
    public long AllocatablePods { get; private set; }
    public ImmutableSortedDictionary<string, string> Labels { get; private set; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableList<Taint> Taints { get; private set; } = [];
    public bool Unschedulable { get; private set; }
    public bool Ready { get; private set; }

    public long RequestedCpuMilli { get; private set; }
    public long RequestedMemory { get; private set; }
    public long NonZeroRequestedCpuMilli { get; private set; }
    public long NonZeroRequestedMemory { get; private set; }
    public int PodCount { get; private set; }

    public static NodeInfo From(Node node)
    {
        var info = new NodeInfo(node.Metadata.Name!);
        info.Update(node);
        return info;
    }

    /// <summary>Takes the node's new capacity, labels, taints and readiness; what is requested on it stays.</summary>
    public void Update(Node node)
    {
        var status = node.Status ?? new NodeStatus();
        var allocatable = status.Allocatable.IsEmpty ? status.Capacity : status.Allocatable;
        AllocatableCpuMilli = allocatable.TryGetValue(WellKnown.Cpu, out var cpu) ? cpu.MilliValue : 0;
        AllocatableMemory = allocatable.TryGetValue(WellKnown.Memory, out var memory) ? memory.WholeValue : 0;
        AllocatablePods = allocatable.TryGetValue(WellKnown.Pods, out var pods) ? pods.WholeValue : DefaultMaxPods;
        Labels = node.Metadata.Labels;
        Taints = node.Spec.Taints;
        Unschedulable = node.Spec.Unschedulable == true;
        Ready = status.Conditions.Any(c => c.Type == WellKnown.NodeReady && c.Status == WellKnown.ConditionTrue);
    }

    /// <summary>Counts the pod's requests against this node.</summary>
    public void Add(SchedulingPod pod)
    {
        RequestedCpuMilli += pod.CpuMilli;
        RequestedMemory += pod.Memory;
        NonZeroRequestedCpuMilli += pod.NonZeroCpuMilli;
        NonZeroRequestedMemory += pod.NonZeroMemory;
        PodCount++;
    }

    /// <summary>Releases what <see cref="Add"/> counted.</summary>
    public void Remove(SchedulingPod pod)
    {
        RequestedCpuMilli -= pod.CpuMilli;
        RequestedMemory -= pod.Memory;
        NonZeroRequestedCpuMilli -= pod.NonZeroCpuMilli;
        NonZeroRequestedMemory -= pod.NonZeroMemory;
        PodCount--;
    }
}
