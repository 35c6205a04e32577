using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>
/// The deployment's own pods as observed, sorted into alive, terminating and finished, and grouped by template hash.
/// Pods that are not controller-owned by the deployment's uid, or that its selector does not match, are left out.
/// </summary>
internal sealed class ObservedPods
{
    public ObservedPods(Deployment deployment, IReadOnlyList<Pod> pods, string currentHash, DateTimeOffset now)
    {
        CurrentHash = currentHash;
        MinReadySeconds = Math.Max(0, deployment.Spec.MinReadySeconds ?? 0);
        Now = now;
        var uid = deployment.Metadata.Uid;
        var selector = deployment.Spec.Selector;
        Owned = [.. pods
            .Where(pod => pod.Metadata.OwnerReferences.Any(owner => owner.Controller == true && owner.Uid == uid))
            .Where(pod => selector is null || selector.Matches(pod.Metadata.Labels))
            .OrderBy(pod => pod.Metadata.Name, StringComparer.Ordinal)];
        Alive = [.. Owned.Where(PodState.IsAlive)];
        Finished = [.. Owned.Where(pod => !PodState.IsTerminating(pod) && PodState.IsFinished(pod))];
        Terminating = [.. Owned.Where(PodState.IsTerminating)];
    }

    public string CurrentHash { get; }

    public int MinReadySeconds { get; }

    public DateTimeOffset Now { get; }

    /// <summary>Every owned pod, whatever its state.</summary>
    public IReadOnlyList<Pod> Owned { get; }

    public IReadOnlyList<Pod> Alive { get; }

    /// <summary>Failed or succeeded and not yet being deleted: to delete.</summary>
    public IReadOnlyList<Pod> Finished { get; }

    public IReadOnlyList<Pod> Terminating { get; }

    public IEnumerable<Pod> AliveNew => Alive.Where(IsNew);

    public IEnumerable<Pod> AliveOld => Alive.Where(pod => !IsNew(pod));

    public bool IsNew(Pod pod) => PodState.HashOf(pod) == CurrentHash;

    public bool IsAvailable(Pod pod) => PodState.IsAvailable(pod, MinReadySeconds, Now);

    public int AvailableCount => Alive.Count(IsAvailable);

    public int ReadyCount => Alive.Count(PodState.IsReady);

    /// <summary>Hashes of every template that still has a pod, even one being deleted.</summary>
    public IReadOnlySet<string> HashesWithPods => Owned.Select(PodState.HashOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>The soonest time a ready pod becomes available, if some are only waiting out minReadySeconds.</summary>
    public DateTimeOffset? NextAvailableAt() =>
        Alive.Select(pod => PodState.AvailableAt(pod, MinReadySeconds))
            .Where(at => at is { } time && time > Now)
            .Min();
}
