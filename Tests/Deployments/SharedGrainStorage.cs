using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansKube.Tests.Deployments;

/// <summary>
/// Grain storage that outlives a silo: one dictionary shared by every silo of an in-process test cluster, standing in
/// for an external store, so a silo can be killed without taking state with it. ETags as a real store keeps them.
/// </summary>
internal sealed class SharedGrainStorage(ConcurrentDictionary<string, (BinaryData Data, string ETag)> entries, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (BinaryData Data, string ETag)> _entries = entries;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var data = serializer.Serialize(grainState.State);
        var written = grainState.ETag is null
            ? _entries.TryAdd(key, (data, etag))
            : _entries.TryGetValue(key, out var current) && current.ETag == grainState.ETag && _entries.TryUpdate(key, (data, etag), current);
        if (!written)
        {
            throw new InconsistentStateException($"ETag mismatch writing {key}", _entries.TryGetValue(key, out var stored) ? stored.ETag : "none", grainState.ETag ?? "none");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _entries.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
