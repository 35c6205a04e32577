using Orleans.Concurrency;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Grains;

/// <summary>
/// The API of one stored object, the part every kind shares: get, create, apply, update and delete.
/// Keyed by <see cref="ObjectKey"/>. Writes that carry <c>metadata.resourceVersion</c> succeed only if it is current.
/// </summary>
[Alias("okube.IObjectGrain`1")]
public interface IObjectGrain<T> : IGrainWithStringKey
    where T : IKubeObject<T>
{
    /// <summary>The stored object, or null when there is none.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<T?> GetAsync();

    /// <summary>Stores a new object; fails with <see cref="ApiErrorReason.AlreadyExists"/> if one exists.</summary>
    [Alias("Create")]
    Task<T> CreateAsync(T obj);

    /// <summary>Creates the object, or replaces its labels, annotations and spec keeping its status.</summary>
    [Alias("Apply")]
    Task<ApplyResult<T>> ApplyAsync(T obj);

    /// <summary>Replaces labels, annotations and spec of an existing object.</summary>
    [Alias("Update")]
    Task<T> UpdateAsync(T obj);

    /// <summary>
    /// Replaces the status (what controllers, the scheduler and kubelets observe), leaving spec and metadata alone.
    /// With <c>metadata.resourceVersion</c> set, only if it is current.
    /// </summary>
    [Alias("UpdateStatus")]
    Task<T> UpdateStatusAsync(T obj);

    /// <summary>
    /// Deletes the object, if <paramref name="options"/>' preconditions hold, and its dependents unless they are to be
    /// orphaned. Returns the object as it was.
    /// </summary>
    [Alias("Delete")]
    Task<T> DeleteAsync(DeleteOptions? options = null);
}
