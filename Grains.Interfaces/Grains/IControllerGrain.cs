using Orleans.Concurrency;

namespace OrleansKube.Grains;

/// <summary>
/// The grain of an object that controls others (a deployment its pods): told when one of the objects whose
/// controller ownerReference names it changes or goes, so it reconciles soon rather than at its next reminder.
/// </summary>
[Alias("okube.IControllerGrain")]
public interface IControllerGrain : IGrainWithStringKey
{
    /// <summary>An object this one controls changed phase or readiness, or was deleted: reconcile soon.</summary>
    [OneWay, AlwaysInterleave, Alias("DependentChanged")]
    Task DependentChangedAsync();
}
