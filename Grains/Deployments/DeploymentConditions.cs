using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Deployments;

/// <summary>The deployment's <c>Available</c> and <c>Progressing</c> conditions, their reasons, and how they are replaced.</summary>
internal static class DeploymentConditions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";

    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string DeploymentPaused = "DeploymentPaused";

    public static DeploymentCondition? Find(DeploymentStatus? status, string type) =>
        status?.Conditions.FirstOrDefault(condition => condition.Type == type);

    /// <summary>
    /// Kubernetes' <c>SetDeploymentCondition</c>: the same status and reason leaves the condition as it was; otherwise
    /// it is replaced, keeping its transition time when only the reason changed.
    /// </summary>
    public static DeploymentCondition Set(DeploymentCondition? previous, string type, string status, string reason, string message, DateTimeOffset now)
    {
        if (previous is not null && previous.Status == status && previous.Reason == reason)
        {
            return previous;
        }

        return Updated(previous, type, status, reason, message, now);
    }

    /// <summary>A condition updated now, even if it says the same: how progress is recorded.</summary>
    public static DeploymentCondition Updated(DeploymentCondition? previous, string type, string status, string reason, string message, DateTimeOffset now) =>
        new()
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime ?? now : now,
        };

    public static DeploymentCondition Availability(DeploymentCondition? previous, bool available, DateTimeOffset now) => available
        ? Set(previous, Available, WellKnown.ConditionTrue, MinimumReplicasAvailable, "Deployment has minimum availability.", now)
        : Set(previous, Available, WellKnown.ConditionFalse, MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now);

    public static ImmutableList<DeploymentCondition> InOrder(DeploymentCondition available, DeploymentCondition? progressing) =>
        progressing is null ? [available] : [available, progressing];
}
