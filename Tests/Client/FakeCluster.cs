using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;

namespace OrleansKube.Tests.Client;

/// <summary>
/// An in-memory stand-in for the cluster's API grains, enough to drive the client's commands end to end without a silo:
/// objects by kind and key, a global resource version, and watches that replay the change log. Deployments scale,
/// pause and roll back as the real grain does, over a history a test sets; events are stored as objects of kind Event.
/// </summary>
internal sealed partial class FakeCluster : IGrainFactory, IClusterSession
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
    private int _pagesRead;
    private int _updates;
    private int _events;
    private int _racingWrites;
    private Action? _racingWrite;

    public IGrainFactory Grains => this;

    /// <summary>How many watch calls have been made, to wait for a watch to be in place.</summary>
    public int Watches => Volatile.Read(ref _watches);

    /// <summary>How many pages of lists have been read.</summary>
    public int PagesRead => Volatile.Read(ref _pagesRead);

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
            var resource = KindRegistry.For<T>().Resource;
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

    /// <summary>Pages of <see cref="List"/> in name order; the token is the offset of the next page (no snapshot). Counts the pages read.</summary>
    private ObjectList ListPage(string? @namespace, string kind, LabelSelector? selector, int limit, string? continueToken)
    {
        var all = List(@namespace, kind, selector);
        var sorted = all.Items.OrderBy(obj => obj.Metadata.Name, StringComparer.Ordinal).ToList();
        var offset = continueToken is null ? 0 : int.Parse(continueToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = sorted.Skip(offset).Take(limit).ToList();
        Interlocked.Increment(ref _pagesRead);
        var next = offset + page.Count;
        return new([.. page], all.ResourceVersion)
        {
            Continue = next < sorted.Count ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            RemainingItemCount = next < sorted.Count ? sorted.Count - next : null,
        };
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
}
