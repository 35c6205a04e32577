using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model;

namespace OrleansKube.ApiServer;

/// <summary>The scope of cluster-scoped objects (namespaces and nodes): lists and watches them. Always exists.</summary>
public sealed class ClusterGrain : Grain, IClusterGrain
{
    private readonly ScopeMembers _members;

    public ClusterGrain(
        [FromKeyedServices(StorageNames.Cluster)] IGrainStorage storage,
        ILogger<ClusterGrain> logger)
    {
        _members = new ScopeMembers(new ScopeNames(storage, this.GetGrainId()), GrainFactory, logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _members.LoadAsync(null, cancellationToken);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _members.CloseWatches();
        return Task.CompletedTask;
    }

    public Task AdmitAsync(IKubeObject obj) => _members.AdmitAsync(obj);

    public Task ObserveAsync(IKubeObject obj) => _members.ObserveAsync(obj);

    public Task ForgetAsync(IKubeObject obj) => _members.ForgetAsync(obj);

    public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(_members.List(kind, selector));

    public Task<ObjectList> ListPageAsync(string kind, LabelSelector? selector, int limit, string? continueToken) =>
        Task.FromResult(_members.ListPage(kind, selector, limit, continueToken));

    public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken) =>
        _members.WatchAsync(kind, resourceVersion, selector, cancellationToken);
}
