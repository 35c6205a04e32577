using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>Finds the grain of an object from its kind, namespace and name.</summary>
public static class GrainFactoryExtensions
{
    public static IObjectGrain<T> GetObjectGrain<T>(this IGrainFactory factory, string? @namespace, string name)
        where T : IKubeObject<T>
    {
        object grain = typeof(T) switch
        {
            var t when t == typeof(Pod) => factory.GetGrain<IPodGrain>(ObjectKey.For(@namespace, name)),
            var t when t == typeof(Deployment) => factory.GetGrain<IDeploymentGrain>(ObjectKey.For(@namespace, name)),
            var t when t == typeof(Node) => factory.GetGrain<INodeGrain>(name),
            var t when t == typeof(Namespace) => factory.GetGrain<INamespaceGrain>(name),
            _ => throw new ArgumentException($"no grain serves kind {typeof(T).Name}"),
        };
        return (IObjectGrain<T>)grain;
    }

    /// <summary>The scope that lists objects of <paramref name="resource"/>: the namespace, or the cluster for cluster-scoped kinds.</summary>
    public static IObjectScope GetScope(this IGrainFactory factory, ResourceInfo resource, string? @namespace) =>
        resource.Namespaced
            ? factory.GetGrain<INamespaceGrain>(@namespace ?? Namespace.Default)
            : factory.GetGrain<IClusterGrain>(IClusterGrain.Key);

    /// <summary>Gets any object by its kind, for callers that know the kind only at run time; null when there is none.</summary>
    public static Task<IKubeObject?> GetObjectAsync(this IGrainFactory factory, string kind, string? @namespace, string name) =>
        KindDispatch.Run(Resources.ForKind(kind) ?? throw new ArgumentException($"no grain serves kind {kind}", nameof(kind)), new Get(factory, @namespace, name));

    /// <summary>Deletes any object by its kind; fails with <see cref="ApiErrorReason.NotFound"/> when there is none.</summary>
    public static Task<IKubeObject> DeleteObjectAsync(this IGrainFactory factory, ResourceInfo resource, string? @namespace, string name) =>
        KindDispatch.Run(resource, new Delete(factory, @namespace, name));

    private sealed class Get(IGrainFactory factory, string? @namespace, string name) : IKindAction<Task<IKubeObject?>>
    {
        public async Task<IKubeObject?> Run<T>()
            where T : IKubeObject<T> =>
            await factory.GetObjectGrain<T>(@namespace, name).GetAsync();
    }

    private sealed class Delete(IGrainFactory factory, string? @namespace, string name) : IKindAction<Task<IKubeObject>>
    {
        public async Task<IKubeObject> Run<T>()
            where T : IKubeObject<T> =>
            await factory.GetObjectGrain<T>(@namespace, name).DeleteAsync(null);
    }
}
