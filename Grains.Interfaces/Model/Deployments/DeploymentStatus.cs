using System.Collections.Immutable;

namespace OrleansKube.Model.Deployments;

/// <summary>What the deployment controller observed.</summary>
[GenerateSerializer, Immutable, Alias("okube.DeploymentStatus")]
public sealed record DeploymentStatus
{
    [Id(0)] public long? ObservedGeneration { get; init; }
    [Id(1)] public int Replicas { get; init; }
    [Id(2)] public int UpdatedReplicas { get; init; }
    [Id(3)] public int ReadyReplicas { get; init; }
    [Id(4)] public int AvailableReplicas { get; init; }
    [Id(5)] public int UnavailableReplicas { get; init; }
    [Id(6)] public ImmutableList<DeploymentCondition> Conditions { get; init; } = [];
}

/// <summary><c>Available</c> or <c>Progressing</c>, with reason and message.</summary>
[GenerateSerializer, Immutable, Alias("okube.DeploymentCondition")]
public sealed record DeploymentCondition
{
    [Id(0)] public string Type { get; init; } = "";
    [Id(1)] public string Status { get; init; } = "";
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public DateTimeOffset? LastUpdateTime { get; init; }
    [Id(5)] public DateTimeOffset? LastTransitionTime { get; init; }
}
