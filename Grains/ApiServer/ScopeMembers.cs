using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Events;

namespace OrleansKube.ApiServer;

/// <summary>
/// The scope side of a namespace or cluster grain: the persisted names of its objects (<see cref="ScopeNames"/>),
/// and the in-memory <see cref="ObjectIndex"/> rebuilt from the object grains when the scope activates.
/// </summary>
internal sealed class ScopeMembers
{
    private const int LoadParallelism = 256;

    private readonly ScopeNames _names;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    private readonly ObjectIndex _index = new();
    private readonly EventLog _events;

    public ScopeMembers(ScopeNames names, IGrainFactory grains, ILogger logger)
    {
        _names = names;
        _grains = grains;
        _logger = logger;
        _events = new EventLog(_index);
    }

    /// <summary>Every member as kind and name.</summary>
    public IReadOnlyList<(string Kind, string Name)> All => [.. _names.All];

    /// <summary>Reads the names, then fills the cache from the object grains; names whose object is gone are dropped.</summary>
    public async Task LoadAsync(string? @namespace, CancellationToken cancellationToken)
    {
        await _names.LoadAsync();
        var missing = new List<(string Kind, string Name)>();
        foreach (var chunk in All.Chunk(LoadParallelism))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var objects = await Task.WhenAll(chunk.Select(member => _grains.GetObjectAsync(KindRegistry.ForKind(member.Kind) ?? throw new InvalidOperationException($"scope holds an unknown kind {member.Kind}"), @namespace, member.Name)));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (objects[i] is { } obj)
                {
                    _index.Upsert(obj);
                }
                else
                {
                    missing.Add(chunk[i]);
                }
            }
        }

        if (missing.Count > 0)
        {
            _logger.LogWarning("Dropping {Count} names whose objects no longer exist", missing.Count);
            foreach (var (kind, name) in missing)
            {
                _names.Remove(kind, name);
            }

            await _names.WriteAsync();
        }
    }

    /// <summary>Reserves the name and records the object; completes once the name is stored.</summary>
    public Task AdmitAsync(IKubeObject obj)
    {
        var added = _names.Add(obj.Kind, obj.Metadata.Name!);
        _index.Upsert(obj);
        return StoredIf(added);
    }

    /// <summary>Records a newer version; a member the scope had lost track of is taken back in.</summary>
    public Task ObserveAsync(IKubeObject obj) => AdmitAsync(obj);

    public Task ForgetAsync(IKubeObject obj)
    {
        var cached = _index.Get(obj.Kind, obj.Metadata.Name!);
        if (cached is not null && cached.Metadata.Uid != obj.Metadata.Uid)
        {
            // A late message about an earlier object of the same name.
            return Task.CompletedTask;
        }

        _index.Remove(obj);
        return StoredIf(_names.Remove(obj.Kind, obj.Metadata.Name!));
    }

    /// <summary>Records an event about an object of this scope; kept in memory only.</summary>
    public void RecordEvent(Event @event, string @namespace) => _events.Record(@event, @namespace, TimeProvider.System.GetUtcNow());

    /// <summary>Releases a name whose object is already gone.</summary>
    public Task DropAsync(string kind, string name)
    {
        if (_index.Get(kind, name) is { } cached)
        {
            _index.Remove(cached);
        }

        return StoredIf(_names.Remove(kind, name));
    }

    public ObjectList List(string kind, LabelSelector? selector) => new(_index.List(kind, selector), _index.ResourceVersion);

    public ObjectList ListPage(string kind, LabelSelector? selector, int limit, string? continueToken) =>
        _index.ListPage(kind, selector, limit, continueToken);

    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string kind, string resourceVersion, LabelSelector? selector, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _index.Watch(kind, resourceVersion, selector);
        try
        {
            await foreach (var change in reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            _index.StopWatching(reader);
        }
    }

    public void CloseWatches() => _index.CloseWatches();

    /// <summary>Removes everything, for a scope that is itself being removed.</summary>
    public Task ClearAsync() => _names.ClearAsync();

    // A name added or removed completes its caller once it is stored; nothing changed, nothing to wait for.
    private Task StoredIf(bool changed) => changed ? _names.WriteAsync() : Task.CompletedTask;
}
