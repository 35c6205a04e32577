using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.ApiServer;

/// <summary>
/// A namespace: its object, and the scope of everything in it. New objects are admitted only while the namespace
/// exists and is Active; deleting it marks it Terminating, deletes its objects, then removes it.
/// </summary>
public sealed class NamespaceGrain : ObjectGrain<Namespace>, INamespaceGrain
{
    private const int DeleteParallelism = 64;

    private readonly ScopeMembers _members;
    private Task? _builtInCreation;

    public NamespaceGrain(
        [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Namespace>> state,
        [FromKeyedServices(StorageNames.Cluster)] IGrainStorage storage,
        ILogger<NamespaceGrain> logger)
        : base(state, logger)
    {
        _members = new ScopeMembers(new ScopeNames(storage, this.GetGrainId()), GrainFactory, logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        _members.LoadAsync(ObjectName, cancellationToken);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _members.CloseWatches();
        return Task.CompletedTask;
    }

    public async Task AdmitAsync(IKubeObject obj)
    {
        if (Current is null && Namespace.IsBuiltIn(ObjectName))
        {
            // The built-in namespaces always exist; one is made on first use if the silo's start-up has not made it yet.
            await (_builtInCreation ??= CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = ObjectName } }));
        }

        if (Current is null)
        {
            throw ApiException.NotFound(Resources.Namespaces, ObjectName);
        }

        if (Current.Status?.Phase == Namespace.Terminating)
        {
            throw ApiException.Forbidden(KindRegistry.For(obj).Resource, obj.Metadata.Name ?? "",
                $"unable to create new content in namespace {ObjectName} because it is being terminated");
        }

        await _members.AdmitAsync(obj);
    }

    public Task ObserveAsync(IKubeObject obj) => _members.ObserveAsync(obj);

    public Task RecordEventAsync(Event @event)
    {
        _members.RecordEvent(@event, ObjectName);
        return Task.CompletedTask;
    }

    public Task ForgetAsync(IKubeObject obj) => _members.ForgetAsync(obj);

    public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(_members.List(kind, selector));

    public Task<ObjectList> ListPageAsync(string kind, LabelSelector? selector, int limit, string? continueToken) =>
        Task.FromResult(_members.ListPage(kind, selector, limit, continueToken));

    public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken) =>
        _members.WatchAsync(kind, resourceVersion, selector, cancellationToken);

    protected override Namespace WithInitialStatus(Namespace obj) =>
        obj with { Status = new NamespaceStatus { Phase = Namespace.Active } };

    protected override async Task OnDeletingAsync(Namespace obj, DeletePropagation propagation)
    {
        if (Namespace.IsBuiltIn(ObjectName))
        {
            throw ApiException.Forbidden(Resources.Namespaces, ObjectName, "this namespace may not be deleted");
        }

        if (obj.Status?.Phase != Namespace.Terminating)
        {
            var metadata = NextVersion(obj.Metadata) with { DeletionTimestamp = Clock.GetUtcNow() };
            await CommitAsync(obj.WithMetadata(metadata) with { Status = new NamespaceStatus { Phase = Namespace.Terminating } });
        }

        // No new objects are admitted now; delete what is here. A failure leaves the namespace Terminating, and deleting it again resumes.
        await Concurrently.ForEachAsync(_members.All, DeleteParallelism, member => DeleteMemberAsync(member.Kind, member.Name));

        Logger.LogInformation("Namespace {Namespace} emptied", ObjectName);
        await _members.ClearAsync();
    }

    private async Task DeleteMemberAsync(string kind, string name)
    {
        try
        {
            await GrainFactory.DeleteObjectAsync(KindRegistry.ForKind(kind) ?? throw new InvalidOperationException($"namespace {ObjectName} holds an unknown kind {kind}"), ObjectName, name);
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
        {
            // Already gone; forget the name so the namespace can finish.
            await _members.DropAsync(kind, name);
        }
    }
}
