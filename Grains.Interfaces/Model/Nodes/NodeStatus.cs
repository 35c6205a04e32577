using System.Collections.Immutable;

namespace OrleansKube.Model.Nodes;

/// <summary>What was observed of a node: its resources, conditions and addresses.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeStatus")]
public sealed record NodeStatus
{
    [Id(0)] public ImmutableSortedDictionary<string, Quantity> Capacity { get; init; } = ImmutableSortedDictionary<string, Quantity>.Empty;
    [Id(1)] public ImmutableSortedDictionary<string, Quantity> Allocatable { get; init; } = ImmutableSortedDictionary<string, Quantity>.Empty;
    [Id(2)] public ImmutableList<NodeCondition> Conditions { get; init; } = [];
    [Id(3)] public ImmutableList<NodeAddress> Addresses { get; init; } = [];
    [Id(4)] public NodeSystemInfo? NodeInfo { get; init; }
}

/// <summary><c>Ready</c>, <c>MemoryPressure</c>, <c>DiskPressure</c>, <c>PIDPressure</c> and the like.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeCondition")]
public sealed record NodeCondition
{
    [Id(0)] public string Type { get; init; } = "";
    [Id(1)] public string Status { get; init; } = "";
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public DateTimeOffset? LastHeartbeatTime { get; init; }
    [Id(5)] public DateTimeOffset? LastTransitionTime { get; init; }
}

/// <summary>An address of a node: <c>InternalIP</c>, <c>ExternalIP</c> or <c>Hostname</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.NodeAddress")]
public sealed record NodeAddress
{
    [Id(0)] public string Type { get; init; } = "";
    [Id(1)] public string Address { get; init; } = "";
}

/// <summary>
/// Facts about the node's software. Kubernetes requires every field (clients such as the Python one refuse a node
/// without them), so what is not known is an empty string, as the kubelet leaves it.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.NodeSystemInfo")]
public sealed record NodeSystemInfo
{
    [Id(0)] public string? OperatingSystem { get; init; } = "";
    [Id(1)] public string? Architecture { get; init; } = "";
    [Id(2)] public string? KernelVersion { get; init; } = "";
    [Id(3)] public string? KubeletVersion { get; init; } = "";
    [Id(4)] public string? ContainerRuntimeVersion { get; init; } = "";
    [Id(5)] public string? MachineID { get; init; } = "";
    [Id(6)] public string? SystemUUID { get; init; } = "";
    [Id(7)] public string? BootID { get; init; } = "";
    [Id(8)] public string? OsImage { get; init; } = "";

    /// <summary>Deprecated in Kubernetes and empty there too; kept because its schema still requires it.</summary>
    [Id(9)] public string? KubeProxyVersion { get; init; } = "";
}
