using System.Collections.Immutable;

namespace OrleansKube.Model.Pods;

/// <summary>What was observed of a pod, written by the scheduler and the kubelet.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodStatus")]
public sealed record PodStatus
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    [Id(0)] public string? Phase { get; init; }
    [Id(1)] public ImmutableList<PodCondition> Conditions { get; init; } = [];
    [Id(2)] public string? Message { get; init; }
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public string? HostIP { get; init; }
    [Id(5)] public string? PodIP { get; init; }
    [Id(6)] public DateTimeOffset? StartTime { get; init; }
    [Id(7)] public ImmutableList<ContainerStatus> ContainerStatuses { get; init; } = [];
}

/// <summary>A condition of a pod: <c>PodScheduled</c>, <c>Initialized</c>, <c>ContainersReady</c>, <c>Ready</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodCondition")]
public sealed record PodCondition
{
    [Id(0)] public string Type { get; init; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [Id(1)] public string Status { get; init; } = "";
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public DateTimeOffset? LastProbeTime { get; init; }
    [Id(5)] public DateTimeOffset? LastTransitionTime { get; init; }
}

/// <summary>The observed state of one container.</summary>
[GenerateSerializer, Immutable, Alias("okube.ContainerStatus")]
public sealed record ContainerStatus
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public ContainerState State { get; init; } = new();
    [Id(2)] public ContainerState? LastState { get; init; }
    [Id(3)] public bool Ready { get; init; }
    [Id(4)] public int RestartCount { get; init; }
    [Id(5)] public string? Image { get; init; } = "";
    [Id(6)] public string? ContainerID { get; init; }
    [Id(7)] public bool? Started { get; init; }

    /// <summary>
    /// The container's declared ports with the host port each was given (<c>hostPort</c>): pods share their node's
    /// network, so the process listens on the port passed to it as <c>PORT</c> / <c>PORT_NAME</c>.
    /// </summary>
    [Id(8)] public ImmutableList<ContainerPort> Ports { get; init; } = [];

    /// <summary>The image's digest, as a container runtime reports it; empty for the process runtime, which pulls no images. Kubernetes requires the field.</summary>
    [Id(9)] public string? ImageID { get; init; } = "";
}

/// <summary>Exactly one of waiting, running or terminated.</summary>
[GenerateSerializer, Immutable, Alias("okube.ContainerState")]
public sealed record ContainerState
{
    [Id(0)] public ContainerStateWaiting? Waiting { get; init; }
    [Id(1)] public ContainerStateRunning? Running { get; init; }
    [Id(2)] public ContainerStateTerminated? Terminated { get; init; }
}

[GenerateSerializer, Immutable, Alias("okube.ContainerStateWaiting")]
public sealed record ContainerStateWaiting
{
    [Id(0)] public string? Reason { get; init; }
    [Id(1)] public string? Message { get; init; }
}

[GenerateSerializer, Immutable, Alias("okube.ContainerStateRunning")]
public sealed record ContainerStateRunning
{
    [Id(0)] public DateTimeOffset? StartedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("okube.ContainerStateTerminated")]
public sealed record ContainerStateTerminated
{
    [Id(0)] public int ExitCode { get; init; }
    [Id(1)] public int? Signal { get; init; }
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public DateTimeOffset? StartedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
}
