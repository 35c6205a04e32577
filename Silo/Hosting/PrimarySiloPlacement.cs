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
internal sealed class PrimarySiloPlacementDirector(
    IOptions<DevelopmentClusterMembershipOptions> clustering,
    IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        return Task.FromResult(Primary() ?? silos.OrderBy(silo => silo.Generation).ThenBy(silo => silo.ToParsableString(), StringComparer.Ordinal).FirstOrDefault() ?? context.LocalSilo);
    }

    // From membership rather than the compatible silos: a silo that has just joined may not have heard yet which grain
    // types the primary hosts, and must still not keep state of its own.
    private SiloAddress? Primary() =>
        clustering.Value.PrimarySiloEndpoint is { } endpoint
            ? membership.CurrentSnapshot.Members.Values.FirstOrDefault(m => m.Status == SiloStatus.Active && m.SiloAddress.Endpoint.Equals(endpoint))?.SiloAddress
            : null;
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
