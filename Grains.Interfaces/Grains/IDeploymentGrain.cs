using System.Collections.Immutable;
using Orleans.Concurrency;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Grains;

/// <summary>
/// A deployment, keyed <c>namespace/name</c>, and its controller: it keeps the deployment's pods at the spec,
/// rolling out template changes, and keeps the revision history. Woken by changes, its own timer while work is
/// in progress, and a reminder as the durable safety net.
/// </summary>
[Alias("okube.IDeploymentGrain")]
public interface IDeploymentGrain : IObjectGrain<Deployment>, IControllerGrain
{
    /// <summary>Sets <c>spec.replicas</c> (the scale subresource).</summary>
    [Alias("Scale")]
    Task<Deployment> ScaleAsync(int replicas);

    /// <summary>Sets <c>spec.paused</c>; fails with BadRequest when it already has that value.</summary>
    [Alias("Pause")]
    Task<Deployment> PauseAsync(bool paused);

    /// <summary>
    /// Puts back the template of <paramref name="toRevision"/>, or of the revision before the current one when null.
    /// Fails with BadRequest when that revision is not in the history.
    /// </summary>
    [Alias("Rollback")]
    Task<Deployment> RollbackAsync(long? toRevision);

    /// <summary>The revisions kept, oldest first; the last is the current template.</summary>
    [AlwaysInterleave, Alias("GetHistory")]
    Task<ImmutableList<DeploymentRevision>> GetHistoryAsync();

}
