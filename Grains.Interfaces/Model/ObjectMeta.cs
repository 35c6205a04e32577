using System.Collections.Immutable;

namespace OrleansKube.Model;

/// <summary>Metadata every object carries, shaped like Kubernetes' <c>ObjectMeta</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.ObjectMeta")]
public sealed record ObjectMeta
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Namespace { get; init; }
    [Id(2)] public string? Uid { get; init; }

    /// <summary>Opaque version of the stored object; sent back on update to detect concurrent writers.</summary>
    [Id(3)] public string? ResourceVersion { get; init; }

    /// <summary>Increases each time the spec changes.</summary>
    [Id(4)] public long? Generation { get; init; }
    [Id(5)] public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    [Id(6)] public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    [Id(7)] public DateTimeOffset? CreationTimestamp { get; init; }
    [Id(8)] public DateTimeOffset? DeletionTimestamp { get; init; }
    [Id(9)] public ImmutableList<OwnerReference> OwnerReferences { get; init; } = [];
    [Id(10)] public string? GenerateName { get; init; }
    [Id(11)] public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>Which manager set which fields; kept by the API server, not by the grains.</summary>
    [Id(12)] public ImmutableList<ManagedFieldsEntry> ManagedFields { get; init; } = [];
}

/// <summary>Points from a dependent object to the object that owns it.</summary>
[GenerateSerializer, Immutable, Alias("okube.OwnerReference")]
public sealed record OwnerReference
{
    [Id(0)] public string ApiVersion { get; init; } = "";
    [Id(1)] public string Kind { get; init; } = "";
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string Uid { get; init; } = "";
    [Id(4)] public bool? Controller { get; init; }
    [Id(5)] public bool? BlockOwnerDeletion { get; init; }
}
