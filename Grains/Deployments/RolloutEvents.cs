using OrleansKube.Model.Deployments;

namespace OrleansKube.Deployments;

/// <summary>
/// Events that mark a rollout: <c>RolloutStarted</c> when a new template (or one rolled back to) becomes the current
/// revision of a deployment that already had one, and <c>RolloutComplete</c> when Progressing turns to
/// <c>NewReplicaSetAvailable</c>.
/// </summary>
internal static class RolloutEvents
{
    public const string StartedReason = "RolloutStarted";
    public const string CompleteReason = "RolloutComplete";

    /// <summary>A started rollout: the current revision is not the one the history ended with.</summary>
    public static IEnumerable<DeploymentEvent> Started(Deployment deployment, IReadOnlyList<DeploymentRevision> before, IReadOnlyList<DeploymentRevision> after)
    {
        var current = after.Count == 0 ? null : after[^1];
        var previous = before.Count == 0 ? null : before.MaxBy(r => r.Revision);
        if (current is not null && previous is not null && previous.TemplateHash != current.TemplateHash)
        {
            yield return new DeploymentEvent(ScalingEvents.Normal, StartedReason, $"Rolling out revision {current.Revision} ({deployment.Metadata.Name}-{current.TemplateHash})");
        }
    }

    /// <summary>A finished rollout: Progressing has just become <c>NewReplicaSetAvailable</c>.</summary>
    public static IEnumerable<DeploymentEvent> Completed(Deployment deployment, IReadOnlyList<DeploymentRevision> after, DeploymentStatus status)
    {
        var wasComplete = Progressing(deployment.Status)?.Reason == DeploymentConditions.NewReplicaSetAvailable;
        if (!wasComplete && Progressing(status)?.Reason == DeploymentConditions.NewReplicaSetAvailable && after.Count > 0)
        {
            yield return new DeploymentEvent(ScalingEvents.Normal, CompleteReason, $"Deployment \"{deployment.Metadata.Name}\" has successfully progressed to revision {after[^1].Revision}");
        }
    }

    private static DeploymentCondition? Progressing(DeploymentStatus? status) =>
        status?.Conditions.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing);
}
