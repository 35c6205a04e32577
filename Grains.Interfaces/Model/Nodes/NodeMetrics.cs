using System.Collections.Immutable;

namespace OrleansKube.Model.Nodes;

/// <summary>CPU and memory in use, as <c>okube top</c> shows them.</summary>
[GenerateSerializer, Immutable, Alias("okube.ResourceUsage")]
public sealed record ResourceUsage
{
    /// <summary>CPU in thousandths of a core, averaged over the sample window.</summary>
    [Id(0)] public long CpuMillicores { get; init; }

    /// <summary>Resident memory in bytes at the end of the window.</summary>
    [Id(1)] public long MemoryBytes { get; init; }
}

/// <summary>The use of one container of a pod.</summary>
[GenerateSerializer, Immutable, Alias("okube.ContainerMetrics")]
public sealed record ContainerMetrics
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public ResourceUsage Usage { get; init; } = new();
}

/// <summary>The use of one pod's containers.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodMetrics")]
public sealed record PodMetrics
{
    [Id(0)] public string Namespace { get; init; } = "";
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public ImmutableList<ContainerMetrics> Containers { get; init; } = [];
}

/// <summary>What a kubelet measured in its last window: the node (its silo and pods) and each pod.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeMetrics")]
public sealed record NodeMetrics
{
    [Id(0)] public DateTimeOffset Timestamp { get; init; }
    [Id(1)] public TimeSpan Window { get; init; }
    [Id(2)] public ResourceUsage Usage { get; init; } = new();
    [Id(3)] public ImmutableList<PodMetrics> Pods { get; init; } = [];
}
