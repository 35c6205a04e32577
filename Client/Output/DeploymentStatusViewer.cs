using System.Globalization;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Client.Output;

/// <summary>Where a deployment's rollout stands, in one line: what <c>rollout status</c> prints.</summary>
/// <param name="Message">The line, without its newline.</param>
/// <param name="Done">The rollout finished; nothing more to wait for.</param>
/// <param name="Failed">The rollout will not finish: <paramref name="Message"/> is the error.</param>
internal sealed record RolloutState(string Message, bool Done, bool Failed = false);

/// <summary>kubectl's <c>DeploymentStatusViewer</c>: the same checks in the same order, with the same words.</summary>
internal static class DeploymentStatusViewer
{
    /// <summary>The <c>Progressing</c> condition's reason once the progress deadline has passed.</summary>
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    public static RolloutState Status(Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        var status = deployment.Status ?? new DeploymentStatus();

        // The controller has not yet seen the latest spec, so the status describes an older one.
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new("Waiting for deployment spec update to be observed...", Done: false);
        }

        if (status.Conditions.FirstOrDefault(c => c.Type == "Progressing") is { Reason: TimedOutReason })
        {
            return new($"deployment \"{name}\" exceeded its progress deadline", Done: false, Failed: true);
        }

        var desired = deployment.Spec.Replicas ?? 1;
        if (status.UpdatedReplicas < desired)
        {
            return Waiting(name, $"{status.UpdatedReplicas} out of {desired} new replicas have been updated...");
        }

        if (status.Replicas > status.UpdatedReplicas)
        {
            return Waiting(name, $"{status.Replicas - status.UpdatedReplicas} old replicas are pending termination...");
        }

        if (status.AvailableReplicas < status.UpdatedReplicas)
        {
            return Waiting(name, $"{status.AvailableReplicas} of {status.UpdatedReplicas} updated replicas are available...");
        }

        return new($"deployment \"{name}\" successfully rolled out", Done: true);
    }

    private static RolloutState Waiting(string? name, FormattableString detail) =>
        new($"Waiting for deployment \"{name}\" rollout to finish: {detail.ToString(CultureInfo.InvariantCulture)}", Done: false);
}
