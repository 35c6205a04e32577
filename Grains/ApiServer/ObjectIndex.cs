using System.Collections.Immutable;
using System.Globalization;
using System.Threading.Channels;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.ApiServer;

/// <summary>
/// The in-memory side of a scope: the latest copy of each object (to list without visiting every grain),
/// a bounded log of recent changes, and the live watches fed from it. Versions are <c>epoch.sequence</c>;
/// the epoch changes with each activation so a watch cannot resume across one by mistake.
/// Not thread-safe: it lives inside one grain.
/// </summary>
internal sealed class ObjectIndex(int eventCapacity = 4096)
{
    /// <summary>How long a paged list's continue token stays valid: etcd's default compaction interval.</summary>
    public static readonly TimeSpan ContinueLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How many paged lists may be under way at once; the oldest is let go to start another.</summary>
    public const int MaxSnapshots = 64;

    private readonly Dictionary<(string Kind, string Name), IKubeObject> _objects = [];
    private readonly Queue<(long Sequence, WatchEvent Change)> _events = new();
    private readonly List<Watcher> _watchers = [];
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, Snapshot> _snapshots = [];
    private long _sequence;
    private long _snapshotSequence;

    public string ResourceVersion => Format(_sequence);

    public int Count => _objects.Count;

    public bool Contains(string kind, string name) => _objects.ContainsKey((kind, name));

    public IKubeObject? Get(string kind, string name) => _objects.GetValueOrDefault((kind, name));

    /// <summary>Records the object unless the index already holds a newer version of it.</summary>
    public void Upsert(IKubeObject obj)
    {
        var key = (obj.Kind, obj.Metadata.Name!);
        var existed = _objects.TryGetValue(key, out var current);
        if (existed && current!.Metadata.Uid == obj.Metadata.Uid &&
            !ResourceVersions.IsNewer(obj.Metadata.ResourceVersion, current.Metadata.ResourceVersion))
        {
            return;
        }

        _objects[key] = obj;
        Publish(existed ? WatchEvent.Modified : WatchEvent.Added, obj);
    }

    /// <summary>Removes the object if the index holds that same object (by uid).</summary>
    public void Remove(IKubeObject obj)
    {
        var key = (obj.Kind, obj.Metadata.Name!);
        if (_objects.TryGetValue(key, out var current) && current.Metadata.Uid == obj.Metadata.Uid)
        {
            _objects.Remove(key);
            Publish(WatchEvent.Deleted, obj);
        }
    }

    public ImmutableList<IKubeObject> List(string kind, LabelSelector? selector) =>
        _objects.Values
            .Where(o => o.Kind == kind && (selector is null || selector.Matches(o.Metadata.Labels)))
            .OrderBy(o => o.Metadata.Name, StringComparer.Ordinal)
            .ToImmutableList();

    /// <summary>
    /// One page of <see cref="List"/>: at most <paramref name="limit"/> objects, and a continue token when more remain.
    /// The first page keeps the whole list as it is (an immutable list of the objects, not copies), so the later pages
    /// show that same moment, as Kubernetes' pages do; it is let go after the last page, or after
    /// <see cref="ContinueLifetime"/>, and at most <see cref="MaxSnapshots"/> are kept.
    /// </summary>
    public ObjectList ListPage(string kind, LabelSelector? selector, int limit, string? continueToken)
    {
        if (limit <= 0)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"limit: Invalid value: {limit}: must be greater than 0");
        }

        DropExpiredSnapshots();
        var (id, snapshot, offset) = continueToken is null
            ? (null, new Snapshot(kind, List(kind, selector), ResourceVersion, Environment.TickCount64), 0)
            : Resume(kind, continueToken);
        var page = snapshot.Items.GetRange(offset, Math.Min(limit, snapshot.Items.Count - offset));
        var next = offset + page.Count;
        if (next >= snapshot.Items.Count)
        {
            if (id is not null)
            {
                _snapshots.Remove(id);
            }

            return new ObjectList(page, snapshot.ResourceVersion);
        }

        if (id is null)
        {
            id = $"{_epoch}-{++_snapshotSequence}";
            _snapshots[id] = snapshot;
        }

        return new ObjectList(page, snapshot.ResourceVersion)
        {
            Continue = $"{id}:{next.ToString(CultureInfo.InvariantCulture)}",
            RemainingItemCount = snapshot.Items.Count - next,
        };
    }

    /// <summary>
    /// Starts a watch of <paramref name="kind"/> after <paramref name="resourceVersion"/>: the recorded changes since
    /// then, followed by every later one. Fails with <see cref="ApiErrorReason.Expired"/> when that version is gone.
    /// </summary>
    public ChannelReader<WatchEvent> Watch(string kind, string resourceVersion, LabelSelector? selector)
    {
        var from = ParseSequence(resourceVersion);
        var oldest = _events.Count == 0 ? _sequence : _events.Peek().Sequence - 1;
        if (from is null || from < oldest || from > _sequence)
        {
            throw new ApiException(ApiErrorReason.Expired, $"too old resource version: {resourceVersion} ({ResourceVersion})");
        }

        var watcher = new Watcher(kind, selector, Channel.CreateUnbounded<WatchEvent>(new() { SingleReader = true }));
        foreach (var (sequence, change) in _events)
        {
            if (sequence > from)
            {
                watcher.Offer(change);
            }
        }

        _watchers.Add(watcher);
        return watcher.Channel.Reader;
    }

    /// <summary>Ends a watch started by <see cref="Watch"/>.</summary>
    public void StopWatching(ChannelReader<WatchEvent> reader) => _watchers.RemoveAll(w => w.Channel.Reader == reader);

    /// <summary>Ends every watch, for example when the scope deactivates; watchers list again.</summary>
    public void CloseWatches()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Channel.Writer.TryComplete();
        }

        _watchers.Clear();
    }

    private void Publish(string type, IKubeObject obj)
    {
        _sequence++;
        var change = new WatchEvent(type, obj, Format(_sequence));
        _events.Enqueue((_sequence, change));
        while (_events.Count > eventCapacity)
        {
            _events.Dequeue();
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(change);
        }
    }

    private (string Id, Snapshot Snapshot, int Offset) Resume(string kind, string continueToken)
    {
        var colon = continueToken.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(continueToken.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"continue: Invalid value: \"{continueToken}\": not a continue token of this API");
        }

        var id = continueToken[..colon];
        if (!_snapshots.TryGetValue(id, out var snapshot) || offset > snapshot.Items.Count)
        {
            throw new ApiException(ApiErrorReason.Expired,
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }

        return snapshot.Kind == kind
            ? (id, snapshot, offset)
            : throw new ApiException(ApiErrorReason.BadRequest, $"continue: Invalid value: the token continues a list of {snapshot.Kind}, not {kind}");
    }

    private void DropExpiredSnapshots()
    {
        var now = Environment.TickCount64;
        foreach (var (id, snapshot) in _snapshots.Where(pair => now - pair.Value.TakenAt > ContinueLifetime.TotalMilliseconds).ToList())
        {
            _snapshots.Remove(id);
        }

        while (_snapshots.Count >= MaxSnapshots)
        {
            _snapshots.Remove(_snapshots.MinBy(pair => pair.Value.TakenAt).Key);
        }
    }

    private string Format(long sequence) => $"{_epoch}.{sequence.ToString(CultureInfo.InvariantCulture)}";

    private long? ParseSequence(string resourceVersion)
    {
        var dot = resourceVersion.IndexOf('.');
        return dot > 0 && resourceVersion[..dot] == _epoch &&
               long.TryParse(resourceVersion.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;
    }

    /// <summary>A list as its first page saw it, kept for the pages after.</summary>
    private sealed record Snapshot(string Kind, ImmutableList<IKubeObject> Items, string ResourceVersion, long TakenAt);

    private sealed record Watcher(string Kind, LabelSelector? Selector, Channel<WatchEvent> Channel)
    {
        public void Offer(WatchEvent change)
        {
            if (change.Object.Kind == Kind && (Selector is null || Selector.Matches(change.Object.Metadata.Labels)))
            {
                Channel.Writer.TryWrite(change);
            }
        }
    }
}
