using System.Collections.Immutable;

namespace OrleansKube.Deployments;

/// <summary>
/// <c>ScalingReplicaSet</c> events for each template whose pod count the plan changes. A finished pod that is replaced
/// counts as still there, so self-healing is not reported as scaling, as a ReplicaSet's size would not change either.
/// </summary>
internal static class ScalingEvents
{
    public const string Normal = "Normal";
    public const string Reason = "ScalingReplicaSet";

    public static ImmutableList<DeploymentEvent> For(string deployment, ObservedPods pods, ScalePlan plan, Func<string, long> revisionOf)
    {
        var hashes = pods.Alive.Concat(pods.Finished).Concat(plan.Deletes).Select(PodState.HashOf)
            .Concat(plan.Creates.Keys)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(hash => hash == pods.CurrentHash)
            .ThenBy(revisionOf)
            .ThenBy(hash => hash, StringComparer.Ordinal);

        var events = ImmutableList.CreateBuilder<DeploymentEvent>();
        foreach (var hash in hashes)
        {
            var alive = pods.Alive.Where(pod => PodState.HashOf(pod) == hash).ToList();
            var before = alive.Count + pods.Finished.Count(pod => PodState.HashOf(pod) == hash);
            var after = alive.Count(pod => !plan.IsDeleted(pod)) + plan.Creates.GetValueOrDefault(hash);
            if (after != before)
            {
                var direction = after > before ? "up" : "down";
                events.Add(new DeploymentEvent(Normal, Reason, $"Scaled {direction} replica set {deployment}-{hash} to {after}"));
            }
        }

        return events.ToImmutable();
    }
}
