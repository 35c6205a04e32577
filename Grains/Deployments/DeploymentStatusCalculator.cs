using OrleansKube.Model;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Deployments;

/// <summary>
/// The status a reconcile writes: the counts of the pods it observed (before its own changes, as Kubernetes reports
/// them) and the <c>Available</c> and <c>Progressing</c> conditions (<c>sync.go</c>, <c>progress.go</c>).
/// </summary>
internal static class DeploymentStatusCalculator
{
    /// <param name="deployment">The deployment, with the status it had.</param>
    /// <param name="pods">The observed pods.</param>
    /// <param name="maxUnavailable">How many pods may be unavailable while the deployment still counts as available.</param>
    /// <param name="changing">True when this reconcile creates or deletes pods or starts a revision: progress by itself.</param>
    /// <param name="replicaSetName">The <c>&lt;deployment&gt;-&lt;hash&gt;</c> name conditions speak of.</param>
    public static DeploymentStatus Calculate(Deployment deployment, ObservedPods pods, int maxUnavailable, bool changing, string replicaSetName)
    {
        var replicas = Math.Max(0, deployment.Spec.Replicas ?? 1);
        var available = pods.AvailableCount;
        var counted = new DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = pods.Alive.Count,
            UpdatedReplicas = pods.AliveNew.Count(),
            ReadyReplicas = pods.ReadyCount,
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, replicas - available),
        };

        var previous = deployment.Status;
        var now = pods.Now;
        var availability = DeploymentConditions.Availability(
            DeploymentConditions.Find(previous, DeploymentConditions.Available), available >= replicas - maxUnavailable, now);
        var progressing = Progressing(deployment, pods, counted, changing, replicaSetName);
        return counted with { Conditions = DeploymentConditions.InOrder(availability, progressing) };
    }

    /// <summary>Every pod of the current template, as many as wanted, all available, and no old pod left.</summary>
    public static bool IsComplete(Deployment deployment, ObservedPods pods)
    {
        var replicas = Math.Max(0, deployment.Spec.Replicas ?? 1);
        var updated = pods.AliveNew.Count();
        return updated == replicas && pods.Alive.Count == replicas && pods.AvailableCount == replicas && !pods.AliveOld.Any();
    }

    /// <summary>When a rollout that is not progressing times out: the last progress plus the deadline.</summary>
    public static DateTimeOffset? Deadline(Deployment deployment, DeploymentCondition? progressing) =>
        progressing is { Status: WellKnown.ConditionTrue, Reason: DeploymentConditions.ReplicaSetUpdated, LastUpdateTime: { } last }
            ? last.AddSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 600)
            : null;

    private static DeploymentCondition? Progressing(Deployment deployment, ObservedPods pods, DeploymentStatus counted, bool changing, string replicaSetName)
    {
        var previous = DeploymentConditions.Find(deployment.Status, DeploymentConditions.Progressing);
        var now = pods.Now;
        if (deployment.Spec.Paused == true)
        {
            return DeploymentConditions.Set(
                previous, DeploymentConditions.Progressing, WellKnown.ConditionUnknown, DeploymentConditions.DeploymentPaused, "Deployment is paused", now);
        }

        if (IsComplete(deployment, pods))
        {
            return DeploymentConditions.Set(
                previous, DeploymentConditions.Progressing, WellKnown.ConditionTrue, DeploymentConditions.NewReplicaSetAvailable,
                $"ReplicaSet \"{replicaSetName}\" has successfully progressed.", now);
        }

        if (changing || HasProgressed(deployment, counted))
        {
            return DeploymentConditions.Updated(
                previous, DeploymentConditions.Progressing, WellKnown.ConditionTrue, DeploymentConditions.ReplicaSetUpdated,
                $"ReplicaSet \"{replicaSetName}\" is progressing.", now);
        }

        if (Deadline(deployment, previous) is { } deadline && deadline < now)
        {
            return DeploymentConditions.Set(
                previous, DeploymentConditions.Progressing, WellKnown.ConditionFalse, DeploymentConditions.ProgressDeadlineExceeded,
                $"ReplicaSet \"{replicaSetName}\" has timed out progressing.", now);
        }

        return previous;
    }

    private static bool HasProgressed(Deployment deployment, DeploymentStatus counted)
    {
        var previous = deployment.Status;
        return previous is null
            || previous.ObservedGeneration != deployment.Metadata.Generation
            || previous.Replicas != counted.Replicas
            || previous.UpdatedReplicas != counted.UpdatedReplicas
            || previous.ReadyReplicas != counted.ReadyReplicas
            || previous.AvailableReplicas != counted.AvailableReplicas
            || previous.UnavailableReplicas != counted.UnavailableReplicas;
    }
}
