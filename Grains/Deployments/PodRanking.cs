using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>
/// Which pod to delete first when scaling down, as Kubernetes' <c>controller.ActivePods</c> orders them: the least
/// established first (unscheduled, pending, not ready, ready for less time, restarting more, newer), then by name.
/// </summary>
internal sealed class PodRanking : IComparer<Pod>
{
    public static PodRanking Instance { get; } = new();

    /// <summary>Pods of older templates first (by <paramref name="revisionOf"/> their hash), each template's by rank.</summary>
    public static IComparer<Pod> OldestTemplateFirst(Func<string, long> revisionOf) =>
        Comparer<Pod>.Create((x, y) =>
        {
            var byRevision = revisionOf(PodState.HashOf(x)).CompareTo(revisionOf(PodState.HashOf(y)));
            return byRevision != 0 ? byRevision : Instance.Compare(x, y);
        });

    public int Compare(Pod? x, Pod? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byNode = IsAssigned(x).CompareTo(IsAssigned(y));
        if (byNode != 0)
        {
            return byNode;
        }

        var byPhase = PhaseOrdinal(x).CompareTo(PhaseOrdinal(y));
        if (byPhase != 0)
        {
            return byPhase;
        }

        var xReady = PodState.IsReady(x);
        var byReady = xReady.CompareTo(PodState.IsReady(y));
        if (byReady != 0)
        {
            return byReady;
        }

        if (xReady)
        {
            // Ready for less time first; an unknown time counts as the most recent.
            var byReadyTime = NewerFirst(PodState.ReadyCondition(x)?.LastTransitionTime, PodState.ReadyCondition(y)?.LastTransitionTime);
            if (byReadyTime != 0)
            {
                return byReadyTime;
            }
        }

        var byRestarts = PodState.Restarts(y).CompareTo(PodState.Restarts(x));
        if (byRestarts != 0)
        {
            return byRestarts;
        }

        var byAge = NewerFirst(x.Metadata.CreationTimestamp, y.Metadata.CreationTimestamp);
        return byAge != 0 ? byAge : string.CompareOrdinal(x.Metadata.Name, y.Metadata.Name);
    }

    private static bool IsAssigned(Pod pod) => !string.IsNullOrEmpty(pod.Spec.NodeName);

    private static int PhaseOrdinal(Pod pod) => pod.Status?.Phase switch
    {
        PodPhase.Unknown => 1,
        PodPhase.Running => 2,
        _ => 0,
    };

    private static int NewerFirst(DateTimeOffset? x, DateTimeOffset? y) =>
        (y ?? DateTimeOffset.MaxValue).CompareTo(x ?? DateTimeOffset.MaxValue);
}
