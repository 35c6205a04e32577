using System.Collections.Immutable;

namespace OrleansKube.Model.Nodes;

/// <summary>What the user wants of a node: whether it takes new pods, and its taints.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeSpec")]
public sealed record NodeSpec
{
    /// <summary>True when the node is cordoned: no new pods are placed on it.</summary>
    [Id(0)] public bool? Unschedulable { get; init; }
    [Id(1)] public ImmutableList<Taint> Taints { get; init; } = [];
    [Id(2)] public string? PodCIDR { get; init; }
    [Id(3)] public string? ProviderID { get; init; }
}

/// <summary>Repels pods that do not tolerate it.</summary>
[GenerateSerializer, Immutable, Alias("okube.Taint")]
public sealed record Taint
{
    [Id(0)] public string Key { get; init; } = "";
    [Id(1)] public string? Value { get; init; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    [Id(2)] public string Effect { get; init; } = "";
    [Id(3)] public DateTimeOffset? TimeAdded { get; init; }
}
