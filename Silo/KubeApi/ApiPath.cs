using OrleansKube.Kinds;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// What a request path of the Kubernetes API names: a discovery document, or a resource (a collection, or one object
/// and maybe a subresource of it). Paths follow kube-apiserver's layout: <c>/api/v1/namespaces/NS/pods/NAME/log</c>,
/// <c>/apis/apps/v1/deployments</c>, <c>/api/v1/nodes/NAME</c>.
/// </summary>
internal abstract record ApiPath
{
    /// <summary><c>/api</c>: the core group's versions.</summary>
    public sealed record CoreVersions : ApiPath;

    /// <summary><c>/apis</c>: every named group.</summary>
    public sealed record Groups : ApiPath;

    /// <summary><c>/apis/GROUP</c>.</summary>
    public sealed record NamedGroup(string Name) : ApiPath;

    /// <summary><c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>: the resources of one group version.</summary>
    public sealed record GroupVersion(string Group, string Version) : ApiPath;

    /// <summary>
    /// A resource of <paramref name="Kind"/>: the collection when <paramref name="Name"/> is null (in one namespace, or in
    /// all when <paramref name="Namespace"/> is null too), else one object and perhaps its <paramref name="Subresource"/>.
    /// </summary>
    public sealed record Resource(KindDescriptor Kind, string? Namespace, string? Name, string? Subresource) : ApiPath;

    /// <summary>Reads <paramref name="path"/>; null when it names nothing this API serves (a 404).</summary>
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["api"] => new CoreVersions(),
            ["api", var version] => KnownVersion("", version) ? new GroupVersion("", version) : null,
            ["api", var version, .. var rest] => KnownVersion("", version) ? ParseResource("", version, rest) : null,
            ["apis"] => new Groups(),
            ["apis", var group] => KnownGroup(group) ? new NamedGroup(group) : null,
            ["apis", var group, var version] => KnownVersion(group, version) ? new GroupVersion(group, version) : null,
            ["apis", var group, var version, .. var rest] => KnownVersion(group, version) ? ParseResource(group, version, rest) : null,
            _ => null,
        };
    }

    private static bool KnownGroup(string group) => KindRegistry.All.Any(kind => kind.Resource.Group == group && group.Length > 0);

    private static bool KnownVersion(string group, string version) =>
        KindRegistry.All.Any(kind => kind.Resource.Group == group && kind.Resource.Version == version);

    private static Resource? ParseResource(string group, string version, string[] rest)
    {
        // namespaces/NS/PLURAL... addresses namespaced resources; namespaces[/NAME[/SUB]] the namespaces themselves.
        if (rest is ["namespaces", var ns, var plural, .. var inner] && Lookup(group, version, plural) is { Resource.Namespaced: true } namespaced)
        {
            return inner switch
            {
                [] => new Resource(namespaced, ns, null, null),
                [var name] => new Resource(namespaced, ns, name, null),
                [var name, var sub] => new Resource(namespaced, ns, name, sub),
                _ => null,
            };
        }

        if (rest is [var clusterPlural, .. var tail] && Lookup(group, version, clusterPlural) is { } kind)
        {
            // /api/v1/pods lists pods of every namespace; only cluster-scoped kinds have objects at this level.
            return tail switch
            {
                [] => new Resource(kind, null, null, null),
                [var name] when !kind.Resource.Namespaced => new Resource(kind, null, name, null),
                [var name, var sub] when !kind.Resource.Namespaced => new Resource(kind, null, name, sub),
                _ => null,
            };
        }

        return null;
    }

    private static KindDescriptor? Lookup(string group, string version, string plural) =>
        KindRegistry.ForResource(group, plural) is { } kind && kind.Resource.Version == version ? kind : null;
}
