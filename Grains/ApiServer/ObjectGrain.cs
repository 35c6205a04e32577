using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.ApiServer;

/// <summary>
/// What every object grain does the same way, like the API server's generic registry: defaulting and validation,
/// identity (uid, creation time), optimistic concurrency on <c>resourceVersion</c>, <c>generation</c> on spec changes,
/// and keeping the object's scope (namespace or cluster) informed so it can list and watch.
/// Kinds differ only in the hooks: the status a new object starts with, and what happens before deletion.
/// </summary>
public abstract class ObjectGrain<T> : Grain, IObjectGrain<T>
    where T : class, IKubeObject<T>
{
    private readonly IPersistentState<ObjectState<T>> _state;
    private (string? Namespace, string Name)? _key;

    protected ObjectGrain(IPersistentState<ObjectState<T>> state, ILogger logger)
    {
        _state = state;
        Logger = logger;
    }

    protected static ResourceInfo Resource { get; } = KindRegistry.For<T>().Resource;

    protected static TimeProvider Clock => TimeProvider.System;

    protected ILogger Logger { get; }

    /// <summary>The stored object, or null.</summary>
    protected T? Current => _state.State.Object;

    protected string ObjectName => Key.Name;

    protected string? ObjectNamespace => Key.Namespace;

    private (string? Namespace, string Name) Key => _key ??= ObjectKey.Parse(this.GetPrimaryKeyString());

    private IObjectScope Scope => GrainFactory.GetScope(Resource, ObjectNamespace);

    public Task<T?> GetAsync() => Task.FromResult(Current);

    public async Task<T> CreateAsync(T obj)
    {
        if (Current is not null)
        {
            throw ApiException.AlreadyExists(Resource, ObjectName);
        }

        var created = PrepareCreate(obj);
        await Scope.AdmitAsync(created);
        try
        {
            await WriteAsync(created);
        }
        catch
        {
            await ForgetAsync(created);
            throw;
        }

        // The scope has the object since it admitted the name. Telling it again once the object is stored matters when
        // the scope activated again in between: the new activation dropped the name, not finding the object yet.
        await ObserveInScopeAsync(created);
        Logger.LogInformation("{Kind} {Key} created", Resource.Kind, this.GetPrimaryKeyString());
        await OnStoredAsync(null, created);
        return created;
    }

    public async Task<ApplyResult<T>> ApplyAsync(T obj)
    {
        if (Current is null)
        {
            return new(await CreateAsync(obj), ApplyOutcome.Created);
        }

        var updated = PrepareUpdate(Current, obj);
        if (updated is null)
        {
            return new(Current, ApplyOutcome.Unchanged);
        }

        await CommitAsync(updated);
        return new(updated, ApplyOutcome.Configured);
    }

    public async Task<T> UpdateAsync(T obj)
    {
        var stored = Current ?? throw ApiException.NotFound(Resource, ObjectName);
        var updated = PrepareUpdate(stored, obj);
        if (updated is null)
        {
            return stored;
        }

        await CommitAsync(updated);
        return updated;
    }

    public async Task<T> UpdateStatusAsync(T obj)
    {
        var stored = Current ?? throw ApiException.NotFound(Resource, ObjectName);
        CheckVersion(stored, obj.Metadata.ResourceVersion);
        // Only the status can differ: comparing it alone spares serializing the whole object twice per report.
        if (KubeJson.SameJson(obj.Status, stored.Status))
        {
            return stored;
        }

        var updated = stored.WithStatusOf(obj).WithMetadata(NextVersion(stored.Metadata));
        await CommitAsync(updated);
        return updated;
    }

    public async Task<T> DeleteAsync(DeleteOptions? options = null)
    {
        options ??= new DeleteOptions();
        var stored = Current ?? throw ApiException.NotFound(Resource, ObjectName);
        CheckVersion(stored, options.ResourceVersion);
        CheckUid(stored, options.Uid);

        await OnDeletingAsync(stored, options.Propagation);

        var deleted = Current ?? stored;
        await _state.ClearStateAsync();
        await ForgetAsync(deleted);
        Logger.LogInformation("{Kind} {Key} deleted", Resource.Kind, this.GetPrimaryKeyString());
        await OnDeletedAsync(deleted);
        return deleted;
    }

    /// <summary>The status a newly created object starts with; what the user sent as status is not kept by default.</summary>
    protected abstract T WithInitialStatus(T obj);

    /// <summary>
    /// The stored object with the spec a user update asks for; kinds whose spec holds system-owned fields keep them,
    /// and kinds whose status is the user's (simulated nodes) take it too.
    /// </summary>
    protected virtual T WithSpecFrom(T stored, T incoming) => stored.WithSpecOf(incoming);

    /// <summary>Runs after each stored version (created, updated, status), to tell whoever acts on it; <paramref name="previous"/> is null for a new object.</summary>
    protected virtual Task OnStoredAsync(T? previous, T obj) => Task.CompletedTask;

    /// <summary>Runs after the object is removed.</summary>
    protected virtual Task OnDeletedAsync(T obj) => Task.CompletedTask;

    /// <summary>
    /// Runs before the object is removed, for cascades (or, with <see cref="DeletePropagation.Orphan"/>, to let the
    /// dependents go); may change the stored object through <see cref="CommitAsync"/>.
    /// </summary>
    protected virtual Task OnDeletingAsync(T obj, DeletePropagation propagation) => Task.CompletedTask;

    /// <summary>Stores a new version of the object and tells its scope.</summary>
    protected async Task CommitAsync(T updated)
    {
        var previous = Current;
        await WriteAsync(updated);
        await ObserveInScopeAsync(updated);
        await OnStoredAsync(previous, updated);
    }

    /// <summary>
    /// Tells another grain of a change already stored here. A failure is logged, not thrown: the other side
    /// repairs from its periodic re-read, and the caller's write has succeeded.
    /// </summary>
    protected async Task NotifyAsync(Func<Task> call, string whom)
    {
        try
        {
            await call();
        }
        catch (Exception exception)
        {
            Logger.LogWarning(exception, "{Kind} {Key}: could not tell the {Whom}", Resource.Kind, this.GetPrimaryKeyString(), whom);
        }
    }

    /// <summary>The metadata of the next version of the stored object.</summary>
    protected ObjectMeta NextVersion(ObjectMeta metadata, bool specChanged = false) => metadata with
    {
        ResourceVersion = ResourceVersions.Next(metadata.ResourceVersion, Clock),
        Generation = specChanged ? (metadata.Generation ?? 0) + 1 : metadata.Generation,
    };

    private T PrepareCreate(T obj)
    {
        obj = ObjectDefaults.Apply(WithKeyIdentity(obj));
        ThrowIfInvalid(obj, ObjectValidator.Validate(obj));
        var metadata = obj.Metadata with
        {
            Uid = Guid.NewGuid().ToString(),
            ResourceVersion = ResourceVersions.Next(null, Clock),
            Generation = 1,
            CreationTimestamp = Clock.GetUtcNow(),
            DeletionTimestamp = null,
            DeletionGracePeriodSeconds = null,
        };
        return WithInitialStatus(obj.WithMetadata(metadata));
    }

    /// <summary>The next version of <paramref name="stored"/> with the user-owned parts of <paramref name="incoming"/>, or null when nothing changes.</summary>
    private T? PrepareUpdate(T stored, T incoming)
    {
        CheckVersion(stored, incoming.Metadata.ResourceVersion);
        CheckUid(stored, incoming.Metadata.Uid);

        incoming = ObjectDefaults.Apply(WithKeyIdentity(incoming));
        ThrowIfInvalid(incoming, ObjectValidator.Validate(incoming).AddRange(ObjectValidator.ValidateUpdate(stored, incoming)));

        var merged = WithSpecFrom(stored, incoming).WithMetadata(stored.Metadata with
        {
            Labels = incoming.Metadata.Labels,
            Annotations = incoming.Metadata.Annotations,
            OwnerReferences = incoming.Metadata.OwnerReferences,

            // Writers that do not track field managers (okube, the controllers) leave them as they were.
            ManagedFields = incoming.Metadata.ManagedFields.IsEmpty ? stored.Metadata.ManagedFields : incoming.Metadata.ManagedFields,
        });
        if (KubeJson.SameJson(merged, stored))
        {
            return null;
        }

        var metadata = NextVersion(merged.Metadata, specChanged: !KubeJson.SameJson(stored.Spec, merged.Spec));
        return merged.WithMetadata(metadata);
    }

    /// <summary>Checks that the object is the one this grain holds, filling in the name and namespace when left out.</summary>
    private T WithKeyIdentity(T obj)
    {
        var metadata = obj.Metadata;
        if (string.IsNullOrEmpty(metadata.Name))
        {
            metadata = metadata with { Name = ObjectName };
        }
        else if (metadata.Name != ObjectName)
        {
            throw new ApiException(ApiErrorReason.BadRequest,
                $"the name of the object ({metadata.Name}) does not match the name of its grain ({ObjectName})");
        }

        if (Resource.Namespaced)
        {
            if (string.IsNullOrEmpty(metadata.Namespace))
            {
                metadata = metadata with { Namespace = ObjectNamespace };
            }
            else if (metadata.Namespace != ObjectNamespace)
            {
                throw new ApiException(ApiErrorReason.BadRequest,
                    $"the namespace of the object ({metadata.Namespace}) does not match the namespace of its grain ({ObjectNamespace})");
            }
        }

        return ReferenceEquals(metadata, obj.Metadata) ? obj : obj.WithMetadata(metadata);
    }

    private void CheckVersion(T stored, string? resourceVersion)
    {
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != stored.Metadata.ResourceVersion)
        {
            throw ApiException.StaleVersion(Resource, ObjectName);
        }
    }

    private void CheckUid(T stored, string? uid)
    {
        if (!string.IsNullOrEmpty(uid) && uid != stored.Metadata.Uid)
        {
            throw ApiException.Conflict(Resource, ObjectName, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Metadata.Uid}");
        }
    }

    private static void ThrowIfInvalid(T obj, IReadOnlyCollection<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(obj.Kind, obj.Metadata.Name, errors);
        }
    }

    private async Task WriteAsync(T obj)
    {
        var previous = _state.State.Object;
        _state.State.Object = obj;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _state.State.Object = previous;
            throw;
        }
    }

    private async Task ObserveInScopeAsync(T stored)
    {
        try
        {
            await Scope.ObserveAsync(stored);
        }
        catch (Exception exception)
        {
            // The object is stored; its scope catches up when it next reloads.
            Logger.LogWarning(exception, "{Kind} {Key}: scope not told of version {Version}", Resource.Kind, this.GetPrimaryKeyString(), stored.Metadata.ResourceVersion);
        }
    }

    private async Task ForgetAsync(T obj)
    {
        try
        {
            await Scope.ForgetAsync(obj);
        }
        catch (Exception exception)
        {
            // The name stays reserved until the scope reloads and finds no object behind it.
            Logger.LogWarning(exception, "{Kind} {Key}: scope not told of its removal", Resource.Kind, this.GetPrimaryKeyString());
        }
    }
}
