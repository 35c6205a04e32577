namespace OrleansKube.Deployments;

/// <summary>
/// A paused deployment makes no rollout progress, but still keeps its pod count at the replicas: missing pods are made
/// from the newest template that has pods, extras are removed by rank whatever their template.
/// </summary>
internal static class PausedScaling
{
    /// <param name="pods">The observed pods.</param>
    /// <param name="replicas">The desired count.</param>
    /// <param name="newestFirst">Orders template hashes newest first; only hashes whose template is known are given.</param>
    /// <param name="plan">Where the decision goes.</param>
    public static void Plan(ObservedPods pods, int replicas, IReadOnlyList<string> newestFirst, ScalePlan plan)
    {
        var alive = pods.Alive;
        if (alive.Count < replicas)
        {
            var hashes = alive.Select(PodState.HashOf).ToHashSet(StringComparer.Ordinal);
            var hash = newestFirst.FirstOrDefault(hashes.Contains) ?? pods.CurrentHash;
            plan.Create(hash, replicas - alive.Count);
        }
        else if (alive.Count > replicas)
        {
            plan.Delete(alive.Order(PodRanking.Instance).Take(alive.Count - replicas));
        }
    }

    /// <summary>True when the pods of the current template may be created even though the deployment is paused: when there are none at all.</summary>
    public static bool CreatesCurrent(ObservedPods pods) => pods.Alive.Count == 0;
}
