using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Kinds;

/// <summary>Finds the grain of an object from its kind, namespace and name, through the <see cref="KindRegistry"/>.</summary>
public static class GrainFactoryExtensions
{
    public static IObjectGrain<T> GetObjectGrain<T>(this IGrainFactory factory, string? @namespace, string name)
        where T : class, IKubeObject<T> =>
        KindRegistry.For<T>().ObjectGrain(factory, @namespace, name);

    /// <summary>The scope that lists objects of <paramref name="resource"/>: the namespace, or the cluster for cluster-scoped kinds.</summary>
    public static IObjectScope GetScope(this IGrainFactory factory, ResourceInfo resource, string? @namespace) =>
        resource.Namespaced
            ? factory.GetGrain<INamespaceGrain>(@namespace ?? Namespace.Default)
            : factory.GetGrain<IClusterGrain>(IClusterGrain.Key);

    /// <summary>Gets any object by its kind, for callers that know the kind only at run time; null when there is none.</summary>
    public static Task<IKubeObject?> GetObjectAsync(this IGrainFactory factory, KindDescriptor kind, string? @namespace, string name) =>
        kind.Run(new Get(factory, @namespace, name));

    /// <summary>Deletes any object by its kind; fails with <see cref="ApiErrorReason.NotFound"/> when there is none.</summary>
    public static Task<IKubeObject> DeleteObjectAsync(this IGrainFactory factory, KindDescriptor kind, string? @namespace, string name) =>
        kind.Run(new Delete(factory, @namespace, name));

    private sealed class Get(IGrainFactory factory, string? @namespace, string name) : IKindAction<Task<IKubeObject?>>
    {
        public async Task<IKubeObject?> Run<T>()
            where T : class, IKubeObject<T> =>
            await factory.GetObjectGrain<T>(@namespace, name).GetAsync();
    }

    private sealed class Delete(IGrainFactory factory, string? @namespace, string name) : IKindAction<Task<IKubeObject>>
    {
        public async Task<IKubeObject> Run<T>()
            where T : class, IKubeObject<T> =>
            await factory.GetObjectGrain<T>(@namespace, name).DeleteAsync(null);
    }
}
