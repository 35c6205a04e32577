using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Tests.Unit.Scheduling;

/// <summary>Nodes and pods as the scheduler sees them, built the way the scheduler builds them (from API objects).</summary>
internal static class World
{
    public const long Mi = 1024L * 1024;
    public const long Gi = 1024 * Mi;

    public static Node NodeObject(
        string name = "node",
        long cpuMilli = 4000,
        long memory = 8 * Gi,
        long? pods = null,
        bool ready = true,
        bool unschedulable = false,
        IEnumerable<Taint>? taints = null,
        ImmutableSortedDictionary<string, string>? labels = null)
    {
        var allocatable = ImmutableSortedDictionary<string, Quantity>.Empty
            .Add(WellKnown.Cpu, Quantity.FromMilli(cpuMilli))
            .Add(WellKnown.Memory, Quantity.FromBytes(memory));
        if (pods is { } count)
        {
            allocatable = allocatable.Add(WellKnown.Pods, Quantity.FromMilli(count * 1000));
        }

        return new Node
        {
            Metadata = new() { Name = name, Labels = labels ?? ImmutableSortedDictionary<string, string>.Empty },
            Spec = new() { Unschedulable = unschedulable ? true : null, Taints = [.. taints ?? []] },
            Status = new()
            {
                Allocatable = allocatable,
                Conditions = [new() { Type = WellKnown.NodeReady, Status = ready ? WellKnown.ConditionTrue : WellKnown.ConditionFalse }],
            },
        };
    }

    public static NodeInfo Node(
        string name = "node",
        long cpuMilli = 4000,
        long memory = 8 * Gi,
        long? pods = null,
        bool ready = true,
        bool unschedulable = false,
        IEnumerable<Taint>? taints = null,
        ImmutableSortedDictionary<string, string>? labels = null) =>
        NodeInfo.From(NodeObject(name, cpuMilli, memory, pods, ready, unschedulable, taints, labels));

    /// <summary>A node with <paramref name="podCount"/> pods on it that together request the given cpu and memory.</summary>
    public static NodeInfo Used(this NodeInfo node, long cpuMilli, long memory, int podCount = 1)
    {
        for (var i = 0; i < podCount; i++)
        {
            node.Add(i == 0
                ? Pod($"{node.Name}-used-{i}", cpuMilli, memory)
                : Pod($"{node.Name}-used-{i}"));
        }

        return node;
    }

    public static SchedulingPod Pod(
        string name = "pod",
        long cpuMilli = 0,
        long memory = 0,
        ImmutableSortedDictionary<string, string>? nodeSelector = null,
        IEnumerable<Toleration>? tolerations = null,
        string? nodeName = null,
        string? uid = null) => new()
        {
            Key = $"default/{name}",
            Uid = uid ?? $"{name}-uid",
            CpuMilli = cpuMilli,
            Memory = memory,
            NodeSelector = nodeSelector ?? ImmutableSortedDictionary<string, string>.Empty,
            Tolerations = [.. tolerations ?? []],
            NodeName = nodeName,
        };

    public static Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };
}
