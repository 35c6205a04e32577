using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Client;

/// <summary>
/// An in-memory stand-in for the cluster's API grains, enough to drive the client's commands end to end without a silo:
/// objects by kind and key, a global resource version, and watches that replay the change log. Deployments scale,
/// pause and roll back as the real grain does, over a history a test sets; events are stored as objects of kind Event.
/// </summary>
internal sealed class FakeCluster : IGrainFactory, IClusterSession
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Kind, string Key), IKubeObject> _objects = [];
    private readonly List<(string? Namespace, WatchEvent Event)> _log = [];
    private readonly Dictionary<string, ImmutableList<DeploymentRevision>> _histories = [];
    private readonly Dictionary<(string Kind, string Key), Queue<Func<IKubeObject>>> _scripts = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private int _expiredWatches;
    private int _watches;
    private int _updates;
    private int _events;
    private int _racingWrites;
    private Action? _racingWrite;

    public IGrainFactory Grains => this;

    /// <summary>How many watch calls have been made, to wait for a watch to be in place.</summary>
    public int Watches => Volatile.Read(ref _watches);

    /// <summary>Makes the next <paramref name="count"/> watch calls fail as expired, as a server that compacted its history.</summary>
    public void ExpireNextWatches(int count) => _expiredWatches = count;

    /// <summary>How many update calls (spec or status) have been made, successful or not.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>
    /// Runs <paramref name="write"/> just before each of the next <paramref name="count"/> update calls are served, as another
    /// client whose write lands between a caller's read and its update; an update carrying the version it read then conflicts.
    /// </summary>
    public void RaceNextUpdates(int count, Action write) => (_racingWrites, _racingWrite) = (count, write);

    /// <summary>Makes event lists fail, as a server that keeps no events would.</summary>
    public bool FailEventLists { get; set; }

    /// <summary>The revisions <c>rollout history</c> and <c>rollout undo</c> see for the deployment <paramref name="key"/>, oldest first.</summary>
    public void SetHistory(string key, params DeploymentRevision[] revisions)
    {
        lock (_lock)
        {
            _histories[key] = [.. revisions];
        }
    }

    public ImmutableList<DeploymentRevision> History(string key)
    {
        lock (_lock)
        {
            return _histories.GetValueOrDefault(key, []);
        }
    }

    /// <summary>
    /// Scripts what the object's grain returns: each get stores the next of <paramref name="states"/> (as a controller
    /// writing a new status would) and returns it; after the last, the object stays as it is.
    /// </summary>
    public void ScriptGets<T>(params T[] states)
        where T : IKubeObject<T>
    {
        lock (_lock)
        {
            var key = (states[0].Kind, ObjectKey.For(states[0].Metadata.Namespace, states[0].Metadata.Name!));
            _scripts[key] = new(states.Select(state => (Func<IKubeObject>)(() => Put(state))));
        }
    }

    /// <summary>Stores <paramref name="e"/> as an object of kind Event, named after its object as the cluster names events.</summary>
    public Event Record(Event e)
    {
        var name = e.Metadata.Name ?? $"{e.InvolvedObject.Name}.{Interlocked.Increment(ref _events).ToString("x", CultureInfo.InvariantCulture)}";
        return Put(e.WithMetadata(e.Metadata with { Name = name, Namespace = e.Metadata.Namespace ?? e.InvolvedObject.Namespace }));
    }

    public T Put<T>(T obj)
        where T : IKubeObject<T>
    {
        lock (_lock)
        {
            var key = (obj.Kind, ObjectKey.For(obj.Metadata.Namespace, obj.Metadata.Name!));
            var type = _objects.ContainsKey(key) ? WatchEvent.Modified : WatchEvent.Added;
            var version = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = obj.WithMetadata(obj.Metadata with
            {
                ResourceVersion = version,
                CreationTimestamp = obj.Metadata.CreationTimestamp ?? TestObjects.Now,
            });
            _objects[key] = stored;
            Record(stored, type, version);
            return stored;
        }
    }

    public IKubeObject? Remove(string kind, string key)
    {
        lock (_lock)
        {
            if (!_objects.Remove((kind, key), out var removed))
            {
                return null;
            }

            Record(removed, WatchEvent.Deleted, (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return removed;
        }
    }

    /// <summary>
    /// Replaces the stored object with <paramref name="change"/> of it, as the API server's update: refused with
    /// <see cref="ApiErrorReason.NotFound"/> when there is none, and with <see cref="ApiErrorReason.Conflict"/> when
    /// <paramref name="resourceVersion"/> is given and is not the stored one.
    /// </summary>
    public T Update<T>(string key, string? resourceVersion, Func<T, T> change)
        where T : class, IKubeObject<T>
    {
        Interlocked.Increment(ref _updates);
        if (Interlocked.Decrement(ref _racingWrites) >= 0)
        {
            _racingWrite?.Invoke();
        }

        lock (_lock)
        {
            var resource = Resources.For<T>();
            var name = ObjectKey.Parse(key).Name;
            var stored = Find(resource.Kind, key) as T ?? throw ApiException.NotFound(resource, name);
            if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != stored.Metadata.ResourceVersion)
            {
                throw ApiException.StaleVersion(resource, name);
            }

            return Put(change(stored));
        }
    }

    /// <summary>The object, after storing its next scripted state if a test scripted some.</summary>
    public IKubeObject? Get(string kind, string key)
    {
        lock (_lock)
        {
            if (_scripts.TryGetValue((kind, key), out var script) && script.TryDequeue(out var next))
            {
                return next();
            }

            return Find(kind, key);
        }
    }

    public IKubeObject? Find(string kind, string key)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault((kind, key));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        object grain = typeof(TGrainInterface) switch
        {
            var t when t == typeof(IPodGrain) => new PodGrain(this, primaryKey),
            var t when t == typeof(IDeploymentGrain) => new DeploymentGrain(this, primaryKey),
            var t when t == typeof(INodeGrain) => new NodeGrain(this, primaryKey),
            var t when t == typeof(INamespaceGrain) => new NamespaceGrain(this, primaryKey),
            _ => throw new NotSupportedException(typeof(TGrainInterface).Name),
        };
        return (TGrainInterface)grain;
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        typeof(TGrainInterface) == typeof(IClusterGrain) ? (TGrainInterface)(object)new ClusterGrain(this) : throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw new NotSupportedException();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw new NotSupportedException();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw new NotSupportedException();

    private void Record(IKubeObject obj, string type, string version)
    {
        _log.Add((obj.Metadata.Namespace, new WatchEvent(type, obj, version)));
        _changed.TrySetResult();
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private ObjectList List(string? @namespace, string kind, LabelSelector? selector)
    {
        if (kind == Event.KindName && FailEventLists)
        {
            throw new ApiException(ApiErrorReason.NotFound, "the server could not find the requested resource");
        }

        lock (_lock)
        {
            var items = _objects.Values
                .Where(obj => obj.Kind == kind && obj.Metadata.Namespace == @namespace && (selector is null || selector.Matches(obj.Metadata.Labels)))
                .ToList();
            return new([.. items], _version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async IAsyncEnumerable<WatchEvent> Watch(
        string? @namespace, string kind, string resourceVersion, LabelSelector? selector, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watches);
        if (Interlocked.Decrement(ref _expiredWatches) >= 0)
        {
            throw new ApiException(ApiErrorReason.Expired, "too old resource version");
        }

        var from = long.Parse(resourceVersion, System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            List<WatchEvent> pending;
            Task changed;
            lock (_lock)
            {
                pending = [.. _log
                    .Where(e => e.Namespace == @namespace && e.Event.Object.Kind == kind)
                    .Select(e => e.Event)
                    .Where(e => long.Parse(e.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > from)
                    .Where(e => selector is null || selector.Matches(e.Object.Metadata.Labels))];
                changed = _changed.Task;
            }

            foreach (var change in pending)
            {
                from = long.Parse(change.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
                yield return change;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private class ObjectGrain<T>(FakeCluster cluster, string key) : IObjectGrain<T>
        where T : class, IKubeObject<T>
    {
        protected FakeCluster Cluster => cluster;

        protected string Key => key;

        private static ResourceInfo Resource => Resources.For<T>();

        public Task<T?> GetAsync() => Task.FromResult(cluster.Get(Resource.Kind, key) as T);

        public Task<T> CreateAsync(T obj) =>
            cluster.Find(Resource.Kind, key) is null
                ? Task.FromResult(cluster.Put(obj))
                : throw ApiException.AlreadyExists(Resource, ObjectKey.Parse(key).Name);

        public Task<ApplyResult<T>> ApplyAsync(T obj)
        {
            if (cluster.Find(Resource.Kind, key) is not T existing)
            {
                return Task.FromResult(new ApplyResult<T>(cluster.Put(obj), ApplyOutcome.Created));
            }

            if (KubeJson.SameJson(obj.Spec, existing.Spec) && KubeJson.SameJson(obj.Metadata.Labels, existing.Metadata.Labels))
            {
                return Task.FromResult(new ApplyResult<T>(existing, ApplyOutcome.Unchanged));
            }

            var updated = obj.WithStatusOf(existing).WithMetadata(obj.Metadata with { CreationTimestamp = existing.Metadata.CreationTimestamp });
            return Task.FromResult(new ApplyResult<T>(cluster.Put(updated), ApplyOutcome.Configured));
        }

        public Task<T> UpdateAsync(T obj) =>
            Task.FromResult(cluster.Update<T>(key, obj.Metadata.ResourceVersion, stored => obj.WithStatusOf(stored)
                .WithMetadata(stored.Metadata with { Labels = obj.Metadata.Labels, Annotations = obj.Metadata.Annotations })));

        public Task<T> UpdateStatusAsync(T obj) =>
            Task.FromResult(cluster.Update<T>(key, obj.Metadata.ResourceVersion, stored => stored.WithStatusOf(obj)));

        public Task<T> DeleteAsync(string? resourceVersion) =>
            Task.FromResult(cluster.Remove(Resource.Kind, key) as T ?? throw ApiException.NotFound(Resource, ObjectKey.Parse(key).Name));
    }

    private sealed class PodGrain(FakeCluster cluster, string key) : ObjectGrain<Pod>(cluster, key), IPodGrain
    {
        public Task<Pod> BindAsync(PodBinding binding) => throw new NotSupportedException();

        public Task MarkUnschedulableAsync(string podUid, string message) => throw new NotSupportedException();
    }

    private sealed class DeploymentGrain(FakeCluster cluster, string key) : ObjectGrain<Deployment>(cluster, key), IDeploymentGrain
    {
        private string Name => ObjectKey.Parse(Key).Name;

        public Task<Deployment> ScaleAsync(int replicas) =>
            Task.FromResult(Cluster.Update<Deployment>(Key, null, d => d with { Spec = d.Spec with { Replicas = replicas } }));

        public Task<Deployment> PauseAsync(bool paused) => Task.FromResult(Cluster.Update<Deployment>(Key, null, d =>
            (d.Spec.Paused == true) == paused
                ? throw new ApiException(ApiErrorReason.BadRequest, $"deployments.apps \"{Name}\" is {(paused ? "already paused" : "not paused")}")
                : d with { Spec = d.Spec with { Paused = paused ? true : null } }));

        public Task<Deployment> RollbackAsync(long? toRevision)
        {
            _ = Cluster.Find(Deployment.KindName, Key) ?? throw ApiException.NotFound(Resources.Deployments, Name);
            var revisions = Cluster.History(Key);
            var target = toRevision is { } wanted
                ? revisions.FirstOrDefault(r => r.Revision == wanted)
                  ?? throw new ApiException(ApiErrorReason.BadRequest, $"unable to find specified revision {wanted} in history")
                : revisions.Count >= 2
                    ? revisions[^2]
                    : throw new ApiException(ApiErrorReason.BadRequest, $"no rollout history found for deployment \"{Name}\"");
            return Task.FromResult(Cluster.Update<Deployment>(Key, null, d => d with { Spec = d.Spec with { Template = target.Template } }));
        }

        public Task<ImmutableList<DeploymentRevision>> GetHistoryAsync() => Task.FromResult(Cluster.History(Key));

        public Task PodChangedAsync() => Task.CompletedTask;
    }

    private sealed class NodeGrain(FakeCluster cluster, string key) : ObjectGrain<Node>(cluster, key), INodeGrain
    {
        public Task AssignPodAsync(Pod pod) => throw new NotSupportedException();

        public Task ReleasePodAsync(string podKey) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> GetPodsAsync() => throw new NotSupportedException();
    }

    private sealed class NamespaceGrain(FakeCluster cluster, string key) : ObjectGrain<Namespace>(cluster, key), INamespaceGrain
    {
        public Task AdmitAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ObserveAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ForgetAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task RecordEventAsync(Event @event)
        {
            Cluster.Record(@event with { Metadata = @event.Metadata with { Namespace = Key } });
            return Task.CompletedTask;
        }

        public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(Cluster.List(Key, kind, selector));

        public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken = default) =>
            Cluster.Watch(Key, kind, resourceVersion, selector, cancellationToken);
    }

    private sealed class ClusterGrain(FakeCluster cluster) : IClusterGrain
    {
        public Task AdmitAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ObserveAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ForgetAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(cluster.List(null, kind, selector));

        public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken = default) =>
            cluster.Watch(null, kind, resourceVersion, selector, cancellationToken);
    }
}
