using System.Globalization;
using OrleansKube.Kinds.Columns;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Kinds.Deployments;

/// <summary><c>NAME READY UP-TO-DATE AVAILABLE AGE</c>, wide <c>CONTAINERS IMAGES SELECTOR</c>.</summary>
public static class DeploymentColumns
{
    public static ColumnSet<Deployment> Set { get; } = new(
        new("NAME", (deployment, _) => deployment.Metadata.Name ?? ""),
        new("READY", (deployment, _) => Ready(deployment)),
        new("UP-TO-DATE", (deployment, _) => Number(deployment.Status?.UpdatedReplicas ?? 0)),
        new("AVAILABLE", (deployment, _) => Number(deployment.Status?.AvailableReplicas ?? 0)),
        new("AGE", (deployment, now) => Age.Since(deployment.Metadata.CreationTimestamp, now)),
        new("CONTAINERS", (deployment, _) => string.Join(",", deployment.Spec.Template.Spec.Containers.Select(c => c.Name)), Wide: true),
        new("IMAGES", (deployment, _) => string.Join(",", deployment.Spec.Template.Spec.Containers.Select(c => c.Image)), Wide: true),
        new("SELECTOR", (deployment, _) => ColumnSet.OrNone(deployment.Spec.Selector?.ToString()), Wide: true));

    /// <summary>Ready replicas out of the desired ones, such as <c>2/3</c>.</summary>
    public static string Ready(Deployment deployment) =>
        string.Create(CultureInfo.InvariantCulture, $"{deployment.Status?.ReadyReplicas ?? 0}/{deployment.Spec.Replicas ?? 1}");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
