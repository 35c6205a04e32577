using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

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

    /// <summary>The name kubectl uses in messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The lower-case singular used in <c>-o name</c> and apply output: <c>pod</c>, <c>deployment.apps</c>.</summary>
    public string QualifiedSingular => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";
}

/// <summary>The kinds this cluster serves.</summary>
public static class Resources
{
    public static ResourceInfo Namespaces { get; } = new(Namespace.KindName, "v1", "namespaces", false, ["ns"], typeof(Namespace));
    public static ResourceInfo Nodes { get; } = new(Node.KindName, "v1", "nodes", false, ["no"], typeof(Node));
    public static ResourceInfo Pods { get; } = new(Pod.KindName, "v1", "pods", true, ["po"], typeof(Pod));
    public static ResourceInfo Deployments { get; } = new(Deployment.KindName, "apps/v1", "deployments", true, ["deploy"], typeof(Deployment));

    /// <summary>Events are listed and watched, never fetched or written one by one: no grain serves a single event.</summary>
    public static ResourceInfo Events { get; } = new(Event.KindName, "v1", "events", true, ["ev"], typeof(Event));

    public static ImmutableArray<ResourceInfo> All { get; } = [Namespaces, Nodes, Pods, Deployments, Events];

    /// <summary>The resource for a kind such as <c>Pod</c>.</summary>
    public static ResourceInfo? ForKind(string kind) => All.FirstOrDefault(r => r.Kind == kind);

    public static ResourceInfo For<T>() where T : IKubeObject => All.First(r => r.ClrType == typeof(T));

    /// <summary>
    /// Finds a resource the way kubectl does: by kind, singular, plural or short name, case-insensitively,
    /// optionally qualified by group (<c>deployments.apps</c>).
    /// </summary>
    public static ResourceInfo? Find(string name)
    {
        var lower = name.ToLowerInvariant();
        return All.FirstOrDefault(r =>
            lower == r.Kind.ToLowerInvariant() || lower == r.Plural || r.ShortNames.Contains(lower) ||
            lower == r.QualifiedPlural || lower == r.QualifiedSingular);
    }
}
