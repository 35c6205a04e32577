namespace OrleansKube.Model.Namespaces;

/// <summary>A <c>v1/Namespace</c>: a virtual cluster that owns the names of its objects.</summary>
[GenerateSerializer, Immutable, Alias("okube.Namespace")]
public sealed record Namespace : IKubeObject<Namespace>
{
    public const string KindName = "Namespace";
    public const string Default = "default";
    public const string KubeSystem = "kube-system";
    public const string KubePublic = "kube-public";
    public const string KubeNodeLease = "kube-node-lease";
    public const string Active = "Active";
    public const string Terminating = "Terminating";

    /// <summary>The namespaces every Kubernetes cluster has: they exist from the start and cannot be deleted.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = [Default, KubeSystem, KubePublic, KubeNodeLease];

    /// <summary>Whether <paramref name="name"/> is one of the <see cref="BuiltIn"/> namespaces.</summary>
    public static bool IsBuiltIn(string name) => BuiltIn.Contains(name);

    [Id(0)] public string ApiVersion { get; init; } = "v1";
    [Id(1)] public string Kind { get; init; } = KindName;
    [Id(2)] public ObjectMeta Metadata { get; init; } = new();
    [Id(3)] public NamespaceSpec? Spec { get; init; }
    [Id(4)] public NamespaceStatus? Status { get; init; }

    object? IKubeObject<Namespace>.Spec => Spec;

    object? IKubeObject<Namespace>.Status => Status;

    public Namespace WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    public Namespace WithStatusOf(Namespace other) => this with { Status = other.Status };

    public Namespace WithSpecOf(Namespace other) => this with { Spec = other.Spec };
}

/// <summary>A namespace's spec: the finalizers that must finish before it is removed.</summary>
[GenerateSerializer, Immutable, Alias("okube.NamespaceSpec")]
public sealed record NamespaceSpec
{
    [Id(0)] public System.Collections.Immutable.ImmutableList<string> Finalizers { get; init; } = [];
}

/// <summary><c>Active</c> or <c>Terminating</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.NamespaceStatus")]
public sealed record NamespaceStatus
{
    [Id(0)] public string? Phase { get; init; }
}
