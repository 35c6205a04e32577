namespace OrleansKube.Model.Deployments;

/// <summary>An <c>apps/v1/Deployment</c>: a replicated pod template rolled out by the deployment controller.</summary>
[GenerateSerializer, Immutable, Alias("okube.Deployment")]
public sealed record Deployment : IKubeObject<Deployment>
{
    public const string KindName = "Deployment";

    [Id(0)] public string ApiVersion { get; init; } = "apps/v1";
    [Id(1)] public string Kind { get; init; } = KindName;
    [Id(2)] public ObjectMeta Metadata { get; init; } = new();
    [Id(3)] public DeploymentSpec Spec { get; init; } = new();
    [Id(4)] public DeploymentStatus? Status { get; init; }

    object? IKubeObject<Deployment>.Spec => Spec;

    object? IKubeObject<Deployment>.Status => Status;

    public Deployment WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    public Deployment WithStatusOf(Deployment other) => this with { Status = other.Status };

    public Deployment WithSpecOf(Deployment other) => this with { Spec = other.Spec };
}
