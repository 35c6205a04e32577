using System.Text.Json.Nodes;

namespace OrleansKube.Kinds.Manifests;

/// <summary>One document of a manifest file as JSON, numbered from 1 in file order; <c>null</c> when it is empty.</summary>
public sealed record ManifestDocument(int Number, JsonNode? Root);
