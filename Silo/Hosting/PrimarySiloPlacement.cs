using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace OrleansKube.Silo.Hosting;

/// <summary>
/// Places a grain on the primary silo: with localhost clustering, the one the others joined, which holds the membership
/// table and which the cluster cannot lose anyway. The embedded profile keeps its in-memory grain state and reminders
/// there, so any other silo can die without taking a share of the cluster's state with it.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("okube.PrimarySiloPlacement")]
public sealed class PrimarySiloPlacement : PlacementStrategy
{
    internal static PrimarySiloPlacement Instance { get; } = new();
}

/// <summary>
/// Picks the silo at the primary endpoint of localhost clustering; without one (other clustering), the oldest silo, and
/// among silos started in the same second the one every silo would pick, the lowest endpoint.
/// </summary>
internal sealed class PrimarySiloPlacementDirector(IOptions<DevelopmentClusterMembershipOptions> clustering) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var primary = clustering.Value.PrimarySiloEndpoint is { } endpoint ? silos.FirstOrDefault(silo => silo.Endpoint.Equals(endpoint)) : null;
        var oldest = silos.OrderBy(silo => silo.Generation).ThenBy(silo => silo.ToParsableString(), StringComparer.Ordinal).FirstOrDefault();
        return Task.FromResult(primary ?? oldest ?? context.LocalSilo);
    }
}

/// <summary>Gives Orleans' in-memory storage and reminder table grains <see cref="PrimarySiloPlacement"/>.</summary>
internal sealed class InMemoryStatePlacementResolver : IPlacementStrategyResolver
{
    private static readonly HashSet<string> PinnedGrainClasses =
    [
        "Orleans.Storage.MemoryStorageGrain",
        "Orleans.Runtime.ReminderService.ReminderTableGrain",
    ];

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, out PlacementStrategy result)
    {
        result = PrimarySiloPlacement.Instance;
        return properties?.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name) == true && PinnedGrainClasses.Contains(name);
    }
}
