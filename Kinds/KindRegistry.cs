using System.Collections.Frozen;
using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Kinds.Deployments;
using OrleansKube.Kinds.Events;
using OrleansKube.Kinds.Namespaces;
using OrleansKube.Kinds.Nodes;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model;

namespace OrleansKube.Kinds;

/// <summary>
/// The kinds this cluster serves, one <see cref="KindDescriptor"/> each: the one place a kind is registered. The grain
/// factory, the HTTP API's discovery and routes, <c>okube get</c> and <c>describe</c>, defaulting and validation all
/// read it. A kind that is not here is an error, never a silent fall-through.
/// </summary>
public static class KindRegistry
{
    /// <summary>Every kind, in the order <c>api-resources</c> and help texts list them.</summary>
    public static ImmutableArray<KindDescriptor> All { get; } =
    [
        NamespaceKind.Descriptor,
        NodeKind.Descriptor,
        PodKind.Descriptor,
        DeploymentKind.Descriptor,
        EventKind.Descriptor,
    ];

    private static readonly FrozenDictionary<string, KindDescriptor> ByKind = All.ToFrozenDictionary(d => d.Resource.Kind);
    private static readonly FrozenDictionary<Type, KindDescriptor> ByType = All.ToFrozenDictionary(d => d.ModelType);

    /// <summary>The descriptor of a kind such as <c>Pod</c>, or null for a kind this cluster does not serve.</summary>
    public static KindDescriptor? ForKind(string kind) => ByKind.GetValueOrDefault(kind);

    /// <summary>The descriptor of <paramref name="obj"/>'s kind; fails for an unregistered kind.</summary>
    public static KindDescriptor For(IKubeObject obj) =>
        ByType.GetValueOrDefault(obj.GetType()) ?? throw Unregistered(obj.GetType());

    /// <summary>The descriptor of model type <typeparamref name="T"/>; fails for an unregistered type.</summary>
    public static KindDescriptor<T> For<T>()
        where T : class, IKubeObject<T> =>
        ByType.GetValueOrDefault(typeof(T)) as KindDescriptor<T> ?? throw Unregistered(typeof(T));

    /// <summary>The descriptor of <paramref name="resource"/>; fails for a resource no kind registered.</summary>
    public static KindDescriptor For(ResourceInfo resource) =>
        ByKind.GetValueOrDefault(resource.Kind) is { } kind && kind.Resource == resource
            ? kind
            : throw new InvalidOperationException($"resource {resource.QualifiedPlural} is not registered in {nameof(KindRegistry)}");

    /// <summary>
    /// Finds a kind the way kubectl does: by kind, singular, plural or short name, case-insensitively, optionally
    /// qualified by group (<c>deployments.apps</c>); null when none matches.
    /// </summary>
    public static KindDescriptor? Find(string name)
    {
        var lower = name.ToLowerInvariant();
        return All.FirstOrDefault(d =>
        {
            var r = d.Resource;
            return lower == r.Singular || lower == r.Plural || r.ShortNames.Contains(lower) ||
                lower == r.QualifiedPlural || lower == r.QualifiedSingular;
        });
    }

    /// <summary>The kind served at <paramref name="group"/> (empty for the core group) under <paramref name="plural"/>.</summary>
    public static KindDescriptor? ForResource(string group, string plural) =>
        All.FirstOrDefault(d => d.Resource.Group == group && d.Resource.Plural == plural);

    private static InvalidOperationException Unregistered(Type type) =>
        new($"model type {type.Name} has no kind in {nameof(KindRegistry)}: register its descriptor in {nameof(All)}");
}
