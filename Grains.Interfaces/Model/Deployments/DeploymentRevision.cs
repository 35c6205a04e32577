namespace OrleansKube.Model.Deployments;

/// <summary>
/// One revision of a deployment's pod template, what <c>rollout history</c> lists and <c>rollout undo</c> returns to.
/// Kubernetes keeps these as ReplicaSets; here the deployment grain keeps them itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.DeploymentRevision")]
public sealed record DeploymentRevision
{
    /// <summary>Increases with each new template, and when an old template is rolled back to.</summary>
    [Id(0)] public long Revision { get; init; }

    /// <summary>The <c>pod-template-hash</c> label of the pods of this template.</summary>
    [Id(1)] public string TemplateHash { get; init; } = "";
    [Id(2)] public PodTemplateSpec Template { get; init; } = new();

    /// <summary>The deployment's <c>kubernetes.io/change-cause</c> annotation when this revision was made.</summary>
    [Id(3)] public string? ChangeCause { get; init; }
    [Id(4)] public DateTimeOffset? CreationTimestamp { get; init; }
}
