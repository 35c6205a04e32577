using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Cluster;

/// <summary>A scope (a namespace, or the cluster when <see cref="Namespace"/> is null) and what it listed: the objects and the version to watch from.</summary>
internal sealed record ScopeListing(IObjectScope Scope, string? Namespace, ObjectList List);

/// <summary>
/// Lists objects of a kind in one namespace, in every namespace, or in the cluster for cluster-scoped kinds, reading
/// each scope <see cref="ChunkSize"/> objects at a time as kubectl does. Given a page handler, the pages go to it as
/// they arrive (one at a time) instead of into the listings, so a caller that keeps only what it prints of each object
/// does not hold a long list in memory.
/// </summary>
internal static class ObjectLister
{
    /// <summary>kubectl's default <c>--chunk-size</c>.</summary>
    public const int ChunkSize = 500;

    public static async Task<IReadOnlyList<ScopeListing>> ListAsync(
        IGrainFactory grains, ResourceInfo resource, string @namespace, bool allNamespaces, LabelSelector? selector,
        Action<IReadOnlyList<IKubeObject>>? onPage = null)
    {
        if (onPage is { } handle)
        {
            // Namespaces are read at once; their pages are handed over one at a time.
            var gate = new Lock();
            onPage = page =>
            {
                lock (gate)
                {
                    handle(page);
                }
            };
        }

        if (!resource.Namespaced || !allNamespaces)
        {
            var scope = grains.GetScope(resource, @namespace);
            return [new(scope, resource.Namespaced ? @namespace : null, await ReadAsync(scope, resource.Kind, selector, onPage))];
        }

        var namespaces = await ListNamespacesAsync(grains);
        var listings = await Task.WhenAll(namespaces.Select(name => ListNamespaceAsync(grains, resource, name, selector, onPage)));
        return [.. listings.OfType<ScopeListing>()];
    }

    /// <summary>The names of all namespaces.</summary>
    public static async Task<IReadOnlyList<string>> ListNamespacesAsync(IGrainFactory grains)
    {
        var list = await ReadAsync(grains.GetGrain<IClusterGrain>(IClusterGrain.Key), Namespace.KindName, null);
        return [.. list.Items.Select(ns => ns.Metadata.Name ?? "")];
    }

    /// <summary>The namespace's objects, or null when the namespace went away since it was listed.</summary>
    public static async Task<ScopeListing?> ListNamespaceAsync(
        IGrainFactory grains, ResourceInfo resource, string @namespace, LabelSelector? selector, Action<IReadOnlyList<IKubeObject>>? onPage = null)
    {
        var scope = grains.GetScope(resource, @namespace);
        try
        {
            return new(scope, @namespace, await ReadAsync(scope, resource.Kind, selector, onPage));
        }
        catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The scope's list, page by page; the version is the first page's, which every page shows. With
    /// <paramref name="onPage"/> the objects go to it and the list returned holds none.
    /// </summary>
    private static async Task<ObjectList> ReadAsync(IObjectScope scope, string kind, LabelSelector? selector, Action<IReadOnlyList<IKubeObject>>? onPage = null)
    {
        var items = ImmutableList.CreateBuilder<IKubeObject>();
        var version = await scope.ListInPagesAsync(kind, selector, ChunkSize, onPage ?? items.AddRange);
        return new ObjectList(items.ToImmutable(), version);
    }
}
