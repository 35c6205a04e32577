namespace OrleansKube.Model.Deployments;

/// <summary>What the user wants a deployment to be.</summary>
[GenerateSerializer, Immutable, Alias("okube.DeploymentSpec")]
public sealed record DeploymentSpec
{
    /// <summary>Desired number of pods; default 1.</summary>
    [Id(0)] public int? Replicas { get; init; }
    [Id(1)] public LabelSelector? Selector { get; init; }
    [Id(2)] public PodTemplateSpec Template { get; init; } = new();
    [Id(3)] public DeploymentStrategy? Strategy { get; init; }

    /// <summary>Old revisions kept for rollback; default 10.</summary>
    [Id(4)] public int? RevisionHistoryLimit { get; init; }

    /// <summary>Seconds a new pod must be ready before it counts as available; default 0.</summary>
    [Id(5)] public int? MinReadySeconds { get; init; }
    [Id(6)] public bool? Paused { get; init; }

    /// <summary>Seconds without progress before the rollout is reported as failed; default 600.</summary>
    [Id(7)] public int? ProgressDeadlineSeconds { get; init; }
}

/// <summary>Labels and spec of the pods a deployment creates.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodTemplateSpec")]
public sealed record PodTemplateSpec
{
    [Id(0)] public ObjectMeta Metadata { get; init; } = new();
    [Id(1)] public Pods.PodSpec Spec { get; init; } = new();
}

/// <summary>How pods are replaced: <c>RollingUpdate</c> (default) or <c>Recreate</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.DeploymentStrategy")]
public sealed record DeploymentStrategy
{
    public const string RollingUpdateType = "RollingUpdate";
    public const string RecreateType = "Recreate";

    [Id(0)] public string? Type { get; init; }
    [Id(1)] public RollingUpdateDeployment? RollingUpdate { get; init; }
}

/// <summary>Bounds of a rolling update; each an absolute count or a percentage of the replicas, default 25%.</summary>
[GenerateSerializer, Immutable, Alias("okube.RollingUpdateDeployment")]
public sealed record RollingUpdateDeployment
{
    /// <summary>Pods above the desired count during the update; percentages round up.</summary>
    [Id(0)] public IntOrString? MaxSurge { get; init; }

    /// <summary>Pods below the desired count during the update; percentages round down.</summary>
    [Id(1)] public IntOrString? MaxUnavailable { get; init; }
}
