using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Events;

namespace OrleansKube.Client.Cluster;

/// <summary>Calls on object grains for objects whose kind is known only at run time.</summary>
internal static class ObjectApi
{
    /// <summary>Applies <paramref name="obj"/> through its grain; what kubectl reports as created, configured or unchanged.</summary>
    public static Task<ApplyOutcome> ApplyAsync(IGrainFactory grains, IKubeObject obj) =>
        KindDispatch.Run(Writable(ResourceOf(obj)), new Apply(grains, obj));

    /// <summary>Deletes the object; fails with <see cref="ApiErrorReason.NotFound"/> when there is none.</summary>
    public static Task<IKubeObject> DeleteAsync(IGrainFactory grains, ResourceInfo resource, string? @namespace, string name) =>
        grains.DeleteObjectAsync(Writable(resource), @namespace, name);

    /// <summary>The object, or <see cref="ApiErrorReason.NotFound"/> worded as kubectl's.</summary>
    public static async Task<IKubeObject> GetAsync(IGrainFactory grains, ResourceInfo resource, string? @namespace, string name)
    {
        if (resource.Kind == Event.KindName)
        {
            // No grain serves a single event: it is found in its namespace's list.
            var list = await grains.GetScope(resource, @namespace).ListAsync(resource.Kind, null);
            return list.Items.FirstOrDefault(obj => obj.Metadata.Name == name) ?? throw ApiException.NotFound(resource, name);
        }

        return await grains.GetObjectAsync(resource.Kind, resource.Namespaced ? @namespace : null, name)
            ?? throw ApiException.NotFound(resource, name);
    }

    /// <summary>
    /// The resource, when a grain serves its objects one by one. Events are recorded by the cluster itself and only
    /// listed, so writing one is refused as an API server refuses a verb a resource does not support.
    /// </summary>
    private static ResourceInfo Writable(ResourceInfo resource) =>
        resource.Kind != Event.KindName
            ? resource
            : throw new ApiException(ApiErrorReason.BadRequest, $"the server does not allow this method on the requested resource ({resource.Plural})");

    public static ResourceInfo ResourceOf(IKubeObject obj) =>
        Resources.ForKind(obj.Kind) ?? throw new ArgumentException($"unknown kind {obj.Kind}", nameof(obj));

    /// <summary>A copy of <paramref name="obj"/> with <paramref name="metadata"/>.</summary>
    public static IKubeObject WithMetadata(IKubeObject obj, ObjectMeta metadata) =>
        obj is Event e ? e.WithMetadata(metadata) : KindDispatch.Run(ResourceOf(obj), new ReplaceMetadata(obj, metadata));

    private sealed class Apply(IGrainFactory grains, IKubeObject obj) : IKindAction<Task<ApplyOutcome>>
    {
        public async Task<ApplyOutcome> Run<T>()
            where T : IKubeObject<T>
        {
            var grain = grains.GetObjectGrain<T>(obj.Metadata.Namespace, obj.Metadata.Name ?? "");
            return (await grain.ApplyAsync((T)obj)).Outcome;
        }
    }

    private sealed class ReplaceMetadata(IKubeObject obj, ObjectMeta metadata) : IKindAction<IKubeObject>
    {
        public IKubeObject Run<T>()
            where T : IKubeObject<T> =>
            ((T)obj).WithMetadata(metadata);
    }
}
