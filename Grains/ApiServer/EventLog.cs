using System.Globalization;
using OrleansKube.Model.Events;

namespace OrleansKube.ApiServer;

/// <summary>
/// The events of one namespace, held in its <see cref="ObjectIndex"/> so they list and watch like any object.
/// A repeat of an event raises its count instead of adding another; past the capacity the oldest are dropped,
/// as Kubernetes lets events expire. Kept in memory only. Not thread-safe: it lives inside one grain.
/// </summary>
internal sealed class EventLog(ObjectIndex index, int capacity = 1000)
{
    private readonly Dictionary<(string? Uid, string? Type, string? Reason, string? Message), Event> _byKey = [];
    private readonly Queue<(string? Uid, string? Type, string? Reason, string? Message)> _order = new();
    private long _counter;

    public int Count => _byKey.Count;

    public Event Record(Event incoming, string @namespace, DateTimeOffset now)
    {
        var key = (incoming.InvolvedObject.Uid, incoming.Type, incoming.Reason, incoming.Message);
        Event recorded;
        if (_byKey.TryGetValue(key, out var existing))
        {
            recorded = existing with
            {
                Count = existing.Count + 1,
                LastTimestamp = now,
                Metadata = existing.Metadata with { ResourceVersion = ResourceVersions.Next(existing.Metadata.ResourceVersion, TimeProvider.System) },
            };
        }
        else
        {
            var name = $"{incoming.InvolvedObject.Name}.{(++_counter).ToString("x", CultureInfo.InvariantCulture)}{now.ToUnixTimeMilliseconds():x}";
            recorded = incoming with
            {
                Metadata = new() { Name = name, Namespace = @namespace, Uid = Guid.NewGuid().ToString(), ResourceVersion = ResourceVersions.Next(null, TimeProvider.System), CreationTimestamp = now },
                Count = Math.Max(1, incoming.Count),
                FirstTimestamp = incoming.FirstTimestamp ?? now,
                LastTimestamp = incoming.LastTimestamp ?? now,
            };
            _order.Enqueue(key);
        }

        _byKey[key] = recorded;
        index.Upsert(recorded);
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            if (_byKey.Remove(oldest, out var dropped))
            {
                index.Remove(dropped);
            }
        }

        return recorded;
    }
}
