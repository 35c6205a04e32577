using System.Collections.Immutable;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Deployments;

/// <summary>
/// The deployment controller's decision, as a pure function: no Orleans, no clock, no I/O. Level-triggered and
/// deterministic: given the world its own plan produces, it asks for nothing more.
/// </summary>
public static class DeploymentReconciler
{
    private static readonly TimeSpan InProgress = TimeSpan.FromSeconds(1);

    /// <summary>Decides which pods to create and delete, the status and revision history to keep, the events to record, and when to look again.</summary>
    public static ReconcilePlan Reconcile(ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var deployment = input.Deployment;
        var replicas = Math.Max(0, deployment.Spec.Replicas ?? 1);
        var paused = deployment.Spec.Paused == true;
        var hash = PodTemplateHash.Compute(deployment.Spec.Template);
        var pods = new ObservedPods(deployment, input.Pods, hash, input.Now);

        var history = RevisionHistory.Record(input.History, deployment, hash, input.Now, mayAppend: !paused || PausedScaling.CreatesCurrent(pods));
        var revisionOf = RevisionHistory.RevisionOf(history, hash);
        var templates = Templates(deployment, hash, history);

        var plan = new ScalePlan();
        plan.Delete(pods.Finished);
        var recreate = deployment.Spec.Strategy?.Type == DeploymentStrategy.RecreateType;
        var (maxSurge, maxUnavailable) = RollingUpdate.Fenceposts(deployment, replicas);
        if (paused)
        {
            var newestFirst = templates.Keys.OrderByDescending(revisionOf).ThenBy(h => h, StringComparer.Ordinal).ToList();
            PausedScaling.Plan(pods, replicas, newestFirst, plan);
        }
        else if (recreate)
        {
            Recreate.Plan(pods, replicas, plan);
        }
        else
        {
            RollingUpdate.Plan(pods, replicas, maxSurge, maxUnavailable, PodRanking.OldestTemplateFirst(revisionOf), plan);
        }

        var name = deployment.Metadata.Name ?? "";
        var startsRevision = input.History.Count == 0 || input.History.MaxBy(r => r.Revision)!.TemplateHash != history.LastOrDefault()?.TemplateHash;
        var status = DeploymentStatusCalculator.Calculate(
            deployment,
            pods,
            recreate || replicas == 0 ? 0 : Math.Min(maxUnavailable, replicas),
            changing: !plan.IsEmpty || startsRevision,
            $"{name}-{hash}");

        var trimmed = RevisionHistory.Trim(history, hash, deployment.Spec.RevisionHistoryLimit ?? 10, pods.HashesWithPods);
        return new ReconcilePlan(
            NewPods.Build(deployment, pods, plan, templates),
            [.. plan.Deletes.Select(pod => pod.Metadata.Name ?? "")],
            status,
            trimmed,
            RequeueAfter(deployment, pods, plan, status),
            [
                .. RolloutEvents.Started(deployment, input.History, trimmed),
                .. ScalingEvents.For(name, pods, plan, revisionOf),
                .. RolloutEvents.Completed(deployment, trimmed, status),
            ]);
    }

    /// <summary>The templates pods can be made from, by hash: the history's and the current one.</summary>
    private static ImmutableSortedDictionary<string, PodTemplateSpec> Templates(Deployment deployment, string hash, IEnumerable<DeploymentRevision> history) =>
        history.Where(r => r.TemplateHash != hash)
            .ToImmutableSortedDictionary(r => r.TemplateHash, r => r.Template, StringComparer.Ordinal)
            .SetItem(hash, deployment.Spec.Template);

    private static TimeSpan? RequeueAfter(Deployment deployment, ObservedPods pods, ScalePlan plan, DeploymentStatus status)
    {
        if (!plan.IsEmpty)
        {
            return InProgress;
        }

        TimeSpan? after = pods.NextAvailableAt() is { } availableAt ? availableAt - pods.Now : null;
        if (deployment.Spec.Paused != true
            && !DeploymentStatusCalculator.IsComplete(deployment, pods)
            && DeploymentStatusCalculator.Deadline(deployment, DeploymentConditions.Find(status, DeploymentConditions.Progressing)) is { } deadline)
        {
            // As Kubernetes' requeueStuckDeployment: a second past the deadline, so the check that follows sees it passed.
            var untilDeadline = deadline - pods.Now;
            var check = untilDeadline < InProgress ? InProgress : untilDeadline + InProgress;
            after = after is { } earlier && earlier < check ? earlier : check;
        }

        return after;
    }
}
