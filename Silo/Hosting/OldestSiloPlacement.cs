using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace OrleansKube.Silo.Hosting;

/// <summary>
/// Places a grain on the oldest silo of the cluster, the one started first (lowest generation). The embedded profile
/// keeps its in-memory grain state and reminders there: with localhost clustering that silo is the primary, which the
/// cluster cannot lose anyway, so any other silo can die without taking a share of the cluster's state with it.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("okube.OldestSiloPlacement")]
public sealed class OldestSiloPlacement : PlacementStrategy
{
    internal static OldestSiloPlacement Instance { get; } = new();
}

/// <summary>Picks the oldest compatible silo for <see cref="OldestSiloPlacement"/>.</summary>
internal sealed class OldestSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        return Task.FromResult(silos.MinBy(silo => silo.Generation) ?? context.LocalSilo);
    }
}

/// <summary>Gives Orleans' in-memory storage and reminder table grains <see cref="OldestSiloPlacement"/>.</summary>
internal sealed class InMemoryStatePlacementResolver : IPlacementStrategyResolver
{
    private static readonly HashSet<string> PinnedGrainClasses =
    [
        "Orleans.Storage.MemoryStorageGrain",
        "Orleans.Runtime.ReminderService.ReminderTableGrain",
    ];

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, out PlacementStrategy result)
    {
        result = OldestSiloPlacement.Instance;
        return properties?.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name) == true && PinnedGrainClasses.Contains(name);
    }
}
