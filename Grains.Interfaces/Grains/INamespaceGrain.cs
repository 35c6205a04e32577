using Orleans.Concurrency;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Grains;

/// <summary>A namespace (keyed by its name) and the scope of the objects in it. Deleting it deletes them all.</summary>
[Alias("okube.INamespaceGrain")]
public interface INamespaceGrain : IObjectGrain<Namespace>, IObjectScope
{
    /// <summary>
    /// Records an event about an object in this namespace. A repeat of an event (same object, type, reason and
    /// message) raises the first one's count and last timestamp. Listed as kind <c>Event</c> by <see cref="IObjectScope.ListAsync"/>.
    /// </summary>
    [OneWay, AlwaysInterleave, Alias("RecordEvent")]
    Task RecordEventAsync(Event @event);
}
