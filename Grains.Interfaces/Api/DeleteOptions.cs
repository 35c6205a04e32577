namespace OrleansKube.Api;

/// <summary>What becomes of an object's dependents (a deployment's pods) when it is deleted, as Kubernetes' <c>propagationPolicy</c>.</summary>
public enum DeletePropagation
{
    /// <summary>The dependents are deleted too (Kubernetes' default).</summary>
    Background,

    /// <summary>The dependents are deleted first, then the object.</summary>
    Foreground,

    /// <summary>The dependents stay, no longer owned.</summary>
    Orphan,
}

/// <summary>
/// How a delete is done, as Kubernetes' <c>DeleteOptions</c>: its preconditions (the object's current
/// <c>resourceVersion</c> and <c>uid</c>), and what becomes of its dependents.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.DeleteOptions")]
public sealed record DeleteOptions
{
    /// <summary>Deletes only if this is the stored version.</summary>
    [Id(0)] public string? ResourceVersion { get; init; }

    /// <summary>Deletes only if this is the stored object's uid.</summary>
    [Id(1)] public string? Uid { get; init; }

    [Id(2)] public DeletePropagation Propagation { get; init; } = DeletePropagation.Background;
}
