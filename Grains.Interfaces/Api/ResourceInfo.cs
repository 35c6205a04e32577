using System.Collections.Immutable;

namespace OrleansKube.Api;

/// <summary>How a kind is named and addressed: its API version, plural, short names and scope.</summary>
public sealed record ResourceInfo(
    string Kind,
    string ApiVersion,
    string Plural,
    bool Namespaced,
    ImmutableArray<string> ShortNames,
    Type ClrType)
{
    /// <summary>The API group: empty for the core group, <c>apps</c> for deployments.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>The version within the group: <c>v1</c>.</summary>
    public string Version => ApiVersion.Contains('/') ? ApiVersion[(ApiVersion.IndexOf('/') + 1)..] : ApiVersion;

    /// <summary>The lower-case singular name: <c>pod</c>.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The name kubectl uses in messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The lower-case singular used in <c>-o name</c> and apply output: <c>pod</c>, <c>deployment.apps</c>.</summary>
    public string QualifiedSingular => Group.Length == 0 ? Singular : $"{Singular}.{Group}";
}
