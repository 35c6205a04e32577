namespace OrleansKube.Model.Nodes;

/// <summary>A <c>v1/Node</c>: a worker that runs pods, real (a silo) or simulated.</summary>
[GenerateSerializer, Immutable, Alias("okube.Node")]
public sealed record Node : IKubeObject<Node>
{
    public const string KindName = "Node";

    [Id(0)] public string ApiVersion { get; init; } = "v1";
    [Id(1)] public string Kind { get; init; } = KindName;
    [Id(2)] public ObjectMeta Metadata { get; init; } = new();
    [Id(3)] public NodeSpec Spec { get; init; } = new();
    [Id(4)] public NodeStatus? Status { get; init; }

    object? IKubeObject<Node>.Spec => Spec;

    object? IKubeObject<Node>.Status => Status;

    public Node WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    public Node WithStatusOf(Node other) => this with { Status = other.Status };

    public Node WithSpecOf(Node other) => this with { Spec = other.Spec };
}
