using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Cluster;

/// <summary>A scope (a namespace, or the cluster when <see cref="Namespace"/> is null) and what it listed: the objects and the version to watch from.</summary>
internal sealed record ScopeListing(IObjectScope Scope, string? Namespace, ObjectList List);

/// <summary>Lists objects of a kind in one namespace, in every namespace, or in the cluster for cluster-scoped kinds.</summary>
internal static class ObjectLister
{
    public static async Task<IReadOnlyList<ScopeListing>> ListAsync(
        IGrainFactory grains, ResourceInfo resource, string @namespace, bool allNamespaces, LabelSelector? selector)
    {
        if (!resource.Namespaced || !allNamespaces)
        {
            var scope = grains.GetScope(resource, @namespace);
            return [new(scope, resource.Namespaced ? @namespace : null, await scope.ListAsync(resource.Kind, selector))];
        }

        var namespaces = await ListNamespacesAsync(grains);
        var listings = await Task.WhenAll(namespaces.Select(name => ListNamespaceAsync(grains, resource, name, selector)));
        return [.. listings.OfType<ScopeListing>()];
    }

    /// <summary>The names of all namespaces.</summary>
    public static async Task<IReadOnlyList<string>> ListNamespacesAsync(IGrainFactory grains)
    {
        var list = await grains.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Namespace.KindName, null);
        return [.. list.Items.Select(ns => ns.Metadata.Name ?? "")];
    }

    /// <summary>The namespace's objects, or null when the namespace went away since it was listed.</summary>
    public static async Task<ScopeListing?> ListNamespaceAsync(IGrainFactory grains, ResourceInfo resource, string @namespace, LabelSelector? selector)
    {
        var scope = grains.GetScope(resource, @namespace);
        try
        {
            return new(scope, @namespace, await scope.ListAsync(resource.Kind, selector));
        }
        catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound)
        {
            return null;
        }
    }
}
