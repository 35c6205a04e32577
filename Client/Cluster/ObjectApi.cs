using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;

namespace OrleansKube.Client.Cluster;

/// <summary>Calls on object grains for objects whose kind is known only at run time.</summary>
internal static class ObjectApi
{
    /// <summary>Applies <paramref name="obj"/> through its grain; what kubectl reports as created, configured or unchanged.</summary>
    public static Task<ApplyOutcome> ApplyAsync(IGrainFactory grains, IKubeObject obj) =>
        Writable(KindOf(obj)).Run(new Apply(grains, obj));

    /// <summary>Deletes the object; fails with <see cref="ApiErrorReason.NotFound"/> when there is none.</summary>
    public static Task<IKubeObject> DeleteAsync(IGrainFactory grains, ResourceInfo resource, string? @namespace, string name) =>
        grains.DeleteObjectAsync(Writable(KindOf(resource)), @namespace, name);

    /// <summary>The object, or <see cref="ApiErrorReason.NotFound"/> worded as kubectl's.</summary>
    public static async Task<IKubeObject> GetAsync(IGrainFactory grains, ResourceInfo resource, string? @namespace, string name)
    {
        var kind = KindOf(resource);
        if (!kind.HasObjectGrain)
        {
            // No grain serves a single event: it is found in its namespace's list.
            var list = await grains.GetScope(resource, @namespace).ListAsync(resource.Kind, null);
            return list.Items.FirstOrDefault(obj => obj.Metadata.Name == name) ?? throw ApiException.NotFound(resource, name);
        }

        return await grains.GetObjectAsync(kind, resource.Namespaced ? @namespace : null, name)
            ?? throw ApiException.NotFound(resource, name);
    }

    /// <summary>
    /// The kind, when a grain serves its objects one by one. Events are recorded by the cluster itself and only
    /// listed, so writing one is refused as an API server refuses a verb a resource does not support.
    /// </summary>
    private static KindDescriptor Writable(KindDescriptor kind) =>
        kind.HasObjectGrain
            ? kind
            : throw new ApiException(ApiErrorReason.BadRequest, $"the server does not allow this method on the requested resource ({kind.Resource.Plural})");

    private static KindDescriptor KindOf(IKubeObject obj) => KindRegistry.For(obj);

    private static KindDescriptor KindOf(ResourceInfo resource) =>
        KindRegistry.ForKind(resource.Kind) ?? throw new ArgumentException($"unknown kind {resource.Kind}", nameof(resource));

    public static ResourceInfo ResourceOf(IKubeObject obj) => KindOf(obj).Resource;

    /// <summary>A copy of <paramref name="obj"/> with <paramref name="metadata"/>.</summary>
    public static IKubeObject WithMetadata(IKubeObject obj, ObjectMeta metadata) => KindOf(obj).WithMetadata(obj, metadata);

    private sealed class Apply(IGrainFactory grains, IKubeObject obj) : IKindAction<Task<ApplyOutcome>>
    {
        public async Task<ApplyOutcome> Run<T>()
            where T : class, IKubeObject<T>
        {
            var grain = grains.GetObjectGrain<T>(obj.Metadata.Namespace, obj.Metadata.Name ?? "");
            return (await grain.ApplyAsync((T)obj)).Outcome;
        }
    }
}
