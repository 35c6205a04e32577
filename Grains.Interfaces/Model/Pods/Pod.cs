namespace OrleansKube.Model.Pods;

/// <summary>A <c>v1/Pod</c>: one or more containers scheduled together onto a node.</summary>
[GenerateSerializer, Immutable, Alias("okube.Pod")]
public sealed record Pod : IKubeObject<Pod>
{
    public const string KindName = "Pod";

    [Id(0)] public string ApiVersion { get; init; } = "v1";
    [Id(1)] public string Kind { get; init; } = KindName;
    [Id(2)] public ObjectMeta Metadata { get; init; } = new();
    [Id(3)] public PodSpec Spec { get; init; } = new();
    [Id(4)] public PodStatus? Status { get; init; }

    object? IKubeObject<Pod>.Spec => Spec;

    object? IKubeObject<Pod>.Status => Status;

    public Pod WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    public Pod WithStatusOf(Pod other) => this with { Status = other.Status };

    public Pod WithSpecOf(Pod other) => this with { Spec = other.Spec };
}
