using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>Finds the grain of an object from its kind, namespace and name, and grains by key without per-call reflection.</summary>
public static class GrainFactoryExtensions
{
    public static IObjectGrain<T> GetObjectGrain<T>(this IGrainFactory factory, string? @namespace, string name)
        where T : IKubeObject<T>
    {
        object grain = typeof(T) switch
        {
            var t when t == typeof(Pod) => factory.Grain<IPodGrain>(ObjectKey.For(@namespace, name)),
            var t when t == typeof(Deployment) => factory.Grain<IDeploymentGrain>(ObjectKey.For(@namespace, name)),
            var t when t == typeof(Node) => factory.Grain<INodeGrain>(name),
            var t when t == typeof(Namespace) => factory.Grain<INamespaceGrain>(name),
            _ => throw new ArgumentException($"no grain serves kind {typeof(T).Name}"),
        };
        return (IObjectGrain<T>)grain;
    }

    /// <summary>
    /// The grain of <typeparamref name="T"/> with <paramref name="key"/>, as <c>GetGrain&lt;T&gt;(key)</c> gives it, but
    /// with the interface's grain type looked up once per process: Orleans reads the interface's attributes by reflection
    /// on every <c>GetGrain</c>, which showed as a large share of the CPU time of creating and binding pods.
    /// </summary>
    public static T Grain<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey
    {
        var types = GrainTypes<T>.Known ?? GrainTypes<T>.Learn(factory);
        return (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    /// <summary>The scope that lists objects of <paramref name="resource"/>: the namespace, or the cluster for cluster-scoped kinds.</summary>
    public static IObjectScope GetScope(this IGrainFactory factory, ResourceInfo resource, string? @namespace) =>
        resource.Namespaced
            ? factory.Grain<INamespaceGrain>(@namespace ?? Namespace.Default)
            : factory.GetGrain<IClusterGrain>(IClusterGrain.Key);

    /// <summary>Gets any object by its kind, for callers that know the kind only at run time; null when there is none.</summary>
    public static Task<IKubeObject?> GetObjectAsync(this IGrainFactory factory, string kind, string? @namespace, string name) =>
        KindDispatch.Run(Resources.ForKind(kind) ?? throw new ArgumentException($"no grain serves kind {kind}", nameof(kind)), new Get(factory, @namespace, name));

    /// <summary>Deletes any object by its kind; fails with <see cref="ApiErrorReason.NotFound"/> when there is none.</summary>
    public static Task<IKubeObject> DeleteObjectAsync(this IGrainFactory factory, ResourceInfo resource, string? @namespace, string name) =>
        KindDispatch.Run(resource, new Delete(factory, @namespace, name));

    // One per interface; the grain type an interface resolves to is the same for every cluster of the process.
    private static class GrainTypes<T>
        where T : IGrainWithStringKey
    {
        public static Types? Known { get; private set; }

        public static Types Learn(IGrainFactory factory)
        {
            var reference = (GrainReference)(object)factory.GetGrain<T>("-");
            return Known = new Types(reference.GrainId.Type, reference.InterfaceType);
        }
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

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
