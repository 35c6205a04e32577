using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>What the deployment controller reads from one pod: its template, and whether it is alive, ready, available.</summary>
internal static class PodState
{
    public static string HashOf(Pod pod) => pod.Metadata.Labels.GetValueOrDefault(PodTemplateHash.Label, "");

    /// <summary>Being deleted: neither counted nor deleted again.</summary>
    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>Ran to an end (<c>Failed</c> or <c>Succeeded</c>): deleted and replaced.</summary>
    public static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhase.Failed or PodPhase.Succeeded;

    public static bool IsAlive(Pod pod) => !IsTerminating(pod) && !IsFinished(pod);

    public static PodCondition? ReadyCondition(Pod pod) =>
        pod.Status?.Conditions.FirstOrDefault(condition => condition.Type == WellKnown.PodReady);

    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == WellKnown.ConditionTrue;

    /// <summary>When a ready pod becomes available: at once without minReadySeconds, else that long after it became ready.</summary>
    public static DateTimeOffset? AvailableAt(Pod pod, int minReadySeconds)
    {
        var ready = ReadyCondition(pod);
        if (ready?.Status != WellKnown.ConditionTrue)
        {
            return null;
        }

        if (minReadySeconds <= 0)
        {
            return DateTimeOffset.MinValue;
        }

        // Ready since an unknown time: Kubernetes never counts such a pod as available when minReadySeconds is set.
        return ready.LastTransitionTime?.AddSeconds(minReadySeconds);
    }

    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) =>
        AvailableAt(pod, minReadySeconds) is { } at && at <= now;

    public static int Restarts(Pod pod) =>
        pod.Status?.ContainerStatuses.Select(status => status.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
}
