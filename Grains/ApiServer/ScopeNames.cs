using Orleans.Storage;

namespace OrleansKube.ApiServer;

/// <summary>
/// The persisted names of a scope's objects, spread over <see cref="BucketCount"/> records by a stable hash of kind and
/// name, so that a new or removed name rewrites the one record it falls in, not every name in the scope: with a single
/// record, each pod created in a namespace of 10,000 wrote all 10,000 names. Writes are grouped as
/// <see cref="CoalescingWriter"/> groups them, and a group writes each changed record once. Lives inside one grain.
/// </summary>
internal sealed class ScopeNames
{
    public const int BucketCount = 64;

    // Before the names were spread over buckets, the scope kept them all in this one record; it is moved when found.
    private const string SingleRecord = "members";

    private readonly IGrainStorage _storage;
    private readonly GrainId _scope;
    private readonly GrainState<ScopeState>[] _buckets;
    private readonly bool[] _changed = new bool[BucketCount];
    private readonly CoalescingWriter _writer;

    public ScopeNames(IGrainStorage storage, GrainId scope)
    {
        _storage = storage;
        _scope = scope;
        _buckets = [.. Enumerable.Range(0, BucketCount).Select(_ => new GrainState<ScopeState>(new ScopeState()))];
        _writer = new CoalescingWriter(WriteChangedAsync);
    }

    /// <summary>Every name as kind and name.</summary>
    public IEnumerable<(string Kind, string Name)> All =>
        _buckets.SelectMany(bucket => Members(bucket).SelectMany(pair => pair.Value.Select(name => (pair.Key, name))));

    public int Count => _buckets.Sum(bucket => Members(bucket).Sum(pair => pair.Value.Count));

    /// <summary>Reads every bucket, and moves the names of a scope stored before buckets into them.</summary>
    public async Task LoadAsync()
    {
        await Task.WhenAll(_buckets.Select((bucket, index) => _storage.ReadStateAsync(RecordName(index), _scope, bucket)));
        var single = new GrainState<ScopeState>(new ScopeState());
        await _storage.ReadStateAsync(SingleRecord, _scope, single);
        if (single.RecordExists)
        {
            foreach (var (kind, names) in single.State?.Members ?? [])
            {
                foreach (var name in names)
                {
                    Add(kind, name);
                }
            }

            await WriteAsync();
            await _storage.ClearStateAsync(SingleRecord, _scope, single);
        }
    }

    /// <summary>Adds the name; false when it is already there. Stored by the next <see cref="WriteAsync"/>.</summary>
    public bool Add(string kind, string name) => Change(kind, name, static (names, name) => names.Add(name));

    /// <summary>Removes the name; false when it is not there. Stored by the next <see cref="WriteAsync"/>.</summary>
    public bool Remove(string kind, string name) => Change(kind, name, static (names, name) => names.Remove(name));

    /// <summary>Completes once a write that started after the caller's changes has stored them.</summary>
    public Task WriteAsync() => _writer.WriteAsync();

    /// <summary>Removes every record, once the writes in flight are done.</summary>
    public async Task ClearAsync()
    {
        await WriteAsync();
        await Task.WhenAll(_buckets.Select((bucket, index) => bucket.RecordExists ? _storage.ClearStateAsync(RecordName(index), _scope, bucket) : Task.CompletedTask));
        foreach (var bucket in _buckets)
        {
            bucket.State = new ScopeState();
        }
    }

    private bool Change(string kind, string name, Func<HashSet<string>, string, bool> change)
    {
        var index = (int)(StableHash.ComputeHash($"{kind}/{name}") % BucketCount);
        var members = Members(_buckets[index]);
        if (!members.TryGetValue(kind, out var names))
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            members[kind] = names;
        }

        if (!change(names, name))
        {
            return false;
        }

        if (names.Count == 0)
        {
            members.Remove(kind);
        }

        _changed[index] = true;
        return true;
    }

    private async Task WriteChangedAsync()
    {
        var changed = Enumerable.Range(0, BucketCount).Where(index => _changed[index]).ToList();
        foreach (var index in changed)
        {
            _changed[index] = false;
        }

        try
        {
            await Task.WhenAll(changed.Select(index => _storage.WriteStateAsync(RecordName(index), _scope, _buckets[index])));
        }
        catch
        {
            // Written again with the next group; the failure goes to this group's callers.
            foreach (var index in changed)
            {
                _changed[index] = true;
            }

            throw;
        }
    }

    // A storage may leave the state of a record it does not have unset.
    private static Dictionary<string, HashSet<string>> Members(GrainState<ScopeState> bucket) => (bucket.State ??= new ScopeState()).Members;

    private static string RecordName(int bucket) => $"members-{bucket:D2}";
}
