using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;

namespace OrleansKube.Silo.KubeApi;

/// <summary>The object grains of one kind, for API code that knows the kind only at run time.</summary>
internal interface IObjectStore
{
    Task<IKubeObject?> GetAsync(string? @namespace, string name);

    Task<IKubeObject> CreateAsync(IKubeObject obj);

    /// <summary>Replaces labels, annotations and spec; with <c>metadata.resourceVersion</c>, only if it is current.</summary>
    Task<IKubeObject> UpdateAsync(IKubeObject obj);

    Task<IKubeObject> UpdateStatusAsync(IKubeObject obj);

    Task<IKubeObject> DeleteAsync(string? @namespace, string name, DeleteOptions options);

    /// <summary>The object grains of <paramref name="kind"/> in <paramref name="grains"/>.</summary>
    public static IObjectStore For(KindDescriptor kind, IGrainFactory grains) => kind.Run(new Factory(grains));

    private sealed class Factory(IGrainFactory grains) : IKindAction<IObjectStore>
    {
        public IObjectStore Run<T>()
            where T : class, IKubeObject<T> =>
            new ObjectStore<T>(grains, KindRegistry.For<T>());
    }
}

internal sealed class ObjectStore<T>(IGrainFactory grains, KindDescriptor<T> kind) : IObjectStore
    where T : class, IKubeObject<T>
{
    public async Task<IKubeObject?> GetAsync(string? @namespace, string name) => await Grain(@namespace, name).GetAsync();

    public async Task<IKubeObject> CreateAsync(IKubeObject obj) => await Grain(obj).CreateAsync((T)obj);

    public async Task<IKubeObject> UpdateAsync(IKubeObject obj) => await Grain(obj).UpdateAsync((T)obj);

    public async Task<IKubeObject> UpdateStatusAsync(IKubeObject obj) => await Grain(obj).UpdateStatusAsync((T)obj);

    public async Task<IKubeObject> DeleteAsync(string? @namespace, string name, DeleteOptions options) =>
        await Grain(@namespace, name).DeleteAsync(options);

    private IObjectGrain<T> Grain(IKubeObject obj) => Grain(obj.Metadata.Namespace, obj.Metadata.Name ?? "");

    private IObjectGrain<T> Grain(string? @namespace, string name) =>
        kind.HasObjectGrain
            ? kind.ObjectGrain(grains, kind.Resource.Namespaced ? @namespace : null, name)
            : throw new ApiException(ApiErrorReason.BadRequest, $"the server does not allow this method on the requested resource ({kind.Resource.Plural})");
}
