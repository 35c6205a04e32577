using System.Text.Json.Serialization;
using OrleansKube.Serialization;

namespace OrleansKube.Model;

/// <summary>
/// Which fields of an object one manager (a client, named by its <c>fieldManager</c>) set, and how: by server-side
/// apply or by an update. Kubernetes' <c>metadata.managedFields</c>; server-side apply reads it to find conflicts
/// and to remove what a manager no longer applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.ManagedFieldsEntry")]
public sealed record ManagedFieldsEntry
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    [Id(0)] public string Manager { get; init; } = "";

    /// <summary><see cref="Apply"/> or <see cref="Update"/>.</summary>
    [Id(1)] public string Operation { get; init; } = Update;
    [Id(2)] public string? ApiVersion { get; init; }
    [Id(3)] public DateTimeOffset? Time { get; init; }
    [Id(4)] public string FieldsType { get; init; } = "FieldsV1";

    /// <summary>The fields, as Kubernetes' <c>FieldsV1</c>: <c>{"f:spec":{"f:replicas":{}}}</c>.</summary>
    [Id(5)] public FieldsV1? FieldsV1 { get; init; }

    /// <summary>The subresource written through, such as <c>scale</c>; empty for the object itself.</summary>
    [Id(6)] public string? Subresource { get; init; }
}

/// <summary>A set of fields in Kubernetes' <c>FieldsV1</c> notation, kept as its JSON text.</summary>
[JsonConverter(typeof(FieldsV1JsonConverter))]
[GenerateSerializer, Immutable, Alias("okube.FieldsV1")]
public sealed record FieldsV1([property: Id(0)] string Json);
