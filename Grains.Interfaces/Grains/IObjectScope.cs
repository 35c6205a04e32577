using Orleans.Concurrency;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Grains;

/// <summary>
/// A grain that owns the names of a set of objects and keeps an up-to-date copy of each, to list and watch them
/// without visiting every object grain (the role of the API server's watch cache).
/// The namespace grain is the scope of namespaced objects; the cluster grain of namespaces and nodes.
/// Its calls interleave: objects being deleted by their scope report back to it while that deletion is under way.
/// </summary>
[Alias("okube.IObjectScope")]
public interface IObjectScope : IGrain
{
    /// <summary>Reserves the object's name. Fails when the scope does not exist or is being deleted.</summary>
    [AlwaysInterleave, Alias("Admit")]
    Task AdmitAsync(IKubeObject obj);

    /// <summary>Records a newer version of an admitted object.</summary>
    [AlwaysInterleave, Alias("Observe")]
    Task ObserveAsync(IKubeObject obj);

    /// <summary>Releases the name of a deleted object.</summary>
    [AlwaysInterleave, Alias("Forget")]
    Task ForgetAsync(IKubeObject obj);

    /// <summary>The objects of <paramref name="kind"/> whose labels match <paramref name="selector"/>.</summary>
    [AlwaysInterleave, Alias("List")]
    Task<ObjectList> ListAsync(string kind, LabelSelector? selector);

    /// <summary>
    /// One page of <see cref="ListAsync"/>, as Kubernetes' <c>limit</c> and <c>continue</c>: at most
    /// <paramref name="limit"/> objects in name order, and <see cref="ObjectList.Continue"/> when more remain. Passing
    /// that back reads the next page of the same list, as it was when the first page was read. A token older than five
    /// minutes (etcd's default compaction interval), or from before the scope last activated, fails with
    /// <see cref="ApiErrorReason.Expired"/>; the list is then read again from the start.
    /// </summary>
    [AlwaysInterleave, Alias("ListPage")]
    Task<ObjectList> ListPageAsync(string kind, LabelSelector? selector, int limit, string? continueToken);

    /// <summary>Changes to objects of <paramref name="kind"/> after <paramref name="resourceVersion"/> (from a list), until cancelled.</summary>
    [Alias("Watch")]
    IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken = default);
}
