using System.Globalization;
using OrleansKube.Kinds.Describe;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Kinds.Deployments;

/// <summary><c>okube describe deployment</c>, in the order and wording of <c>kubectl describe deployment</c>.</summary>
public static class DeploymentDescriber
{
    public static string Describe(Deployment deployment, DateTimeOffset now, DescribeExtras extras)
    {
        var w = new DescribeWriter();
        var spec = deployment.Spec;
        var status = deployment.Status ?? new DeploymentStatus();
        w.Field(0, "Name", deployment.Metadata.Name);
        w.Field(0, "Namespace", deployment.Metadata.Namespace);
        w.Field(0, "CreationTimestamp", DescribeWriter.Time(deployment.Metadata.CreationTimestamp));
        w.Map("", "Labels", deployment.Metadata.Labels);
        w.Map("", "Annotations", deployment.Metadata.Annotations, ": ");
        w.Field(0, "Selector", spec.Selector?.ToString());
        w.Field(0, "Replicas", string.Create(CultureInfo.InvariantCulture,
            $"{spec.Replicas ?? 1} desired | {status.UpdatedReplicas} updated | {status.Replicas} total | {status.AvailableReplicas} available | {status.UnavailableReplicas} unavailable"));

        var strategy = spec.Strategy?.Type ?? DeploymentStrategy.RollingUpdateType;
        w.Field(0, "StrategyType", strategy);
        w.Field(0, "MinReadySeconds", spec.MinReadySeconds ?? 0);
        if (strategy == DeploymentStrategy.RollingUpdateType)
        {
            // Kubernetes defaults both bounds to 25%; the same applies when the server has not filled them in.
            var rolling = spec.Strategy?.RollingUpdate;
            w.Field(0, "RollingUpdateStrategy", $"{rolling?.MaxUnavailable ?? "25%"} max unavailable, {rolling?.MaxSurge ?? "25%"} max surge");
        }

        PodTemplateDescriber.Write(w, spec.Template);
        if (!status.Conditions.IsEmpty)
        {
            w.Line(0, "Conditions:");
            w.Line(1, "Type\tStatus\tReason");
            w.Line(1, "----\t------\t------");
            foreach (var condition in status.Conditions)
            {
                w.Line(1, $"{condition.Type} \t{condition.Status}\t{condition.Reason}");
            }
        }

        if (extras.History is { } history)
        {
            WriteReplicaSets(w, deployment, history);
        }

        EventsDescriber.Write(w, EventsDescriber.About(deployment, extras.Events), now);
        return w.ToString();
    }

    /// <summary>
    /// kubectl's <c>OldReplicaSets</c> and <c>NewReplicaSet</c>. There are no ReplicaSet objects here: the new one is
    /// named, as Kubernetes names it, after the current revision's template hash, and counts the updated pods. Pods of
    /// older templates are not counted per revision, so OldReplicaSets is always shown as none, even mid-rollout.
    /// </summary>
    private static void WriteReplicaSets(DescribeWriter w, Deployment deployment, IReadOnlyList<DeploymentRevision> history)
    {
        w.Field(0, "OldReplicaSets", null);
        var current = history.Count == 0 ? null : history[^1];
        w.Field(0, "NewReplicaSet", current is null ? null : string.Create(CultureInfo.InvariantCulture,
            $"{deployment.Metadata.Name}-{current.TemplateHash} ({deployment.Status?.UpdatedReplicas ?? 0}/{deployment.Spec.Replicas ?? 1} replicas created)"));
    }
}
