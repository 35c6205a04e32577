using System.Globalization;
using OrleansKube.Kinds.Columns;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Pods;

/// <summary><c>NAME READY STATUS RESTARTS AGE</c>, wide <c>IP NODE</c>; READY and STATUS derived as kubectl's pod printer does.</summary>
public static class PodColumns
{
    public static ColumnSet<Pod> Set { get; } = new(
        new("NAME", (pod, _) => pod.Metadata.Name ?? ""),
        new("READY", (pod, _) => Ready(pod)),
        new("STATUS", (pod, _) => Status(pod)),
        new("RESTARTS", (pod, _) => Restarts(pod).ToString(CultureInfo.InvariantCulture)),
        new("AGE", (pod, now) => Age.Since(pod.Metadata.CreationTimestamp, now)),
        new("IP", (pod, _) => ColumnSet.OrNone(pod.Status?.PodIP), Wide: true),
        new("NODE", (pod, _) => ColumnSet.OrNone(pod.Spec.NodeName), Wide: true));

    /// <summary>Ready containers out of the pod's containers, such as <c>1/2</c>.</summary>
    public static string Ready(Pod pod) =>
        string.Create(CultureInfo.InvariantCulture, $"{Summarize(pod).Ready}/{pod.Spec.Containers.Count}");

    public static int Restarts(Pod pod) => pod.Status?.ContainerStatuses.Sum(status => status.RestartCount) ?? 0;

    /// <summary>
    /// What kubectl shows in STATUS: the phase, overridden by the pod's reason, by a container's waiting or terminated
    /// reason (<c>CrashLoopBackOff</c>, <c>Completed</c>, <c>ExitCode:1</c>), and by <c>Terminating</c> once it is being deleted.
    /// </summary>
    public static string Status(Pod pod) => Summarize(pod).Status;

    private static (int Ready, string Status) Summarize(Pod pod)
    {
        var status = pod.Status;
        var reason = string.IsNullOrEmpty(status?.Reason) ? status?.Phase ?? "Pending" : status.Reason;
        var ready = 0;
        var running = false;

        // kubectl walks the containers from last to first, so the first container's reason wins.
        var containers = status?.ContainerStatuses ?? [];
        for (var i = containers.Count - 1; i >= 0; i--)
        {
            var state = containers[i].State;
            if (!string.IsNullOrEmpty(state.Waiting?.Reason))
            {
                reason = state.Waiting.Reason;
            }
            else if (state.Terminated is { } terminated)
            {
                reason = !string.IsNullOrEmpty(terminated.Reason) ? terminated.Reason
                    : terminated.Signal is > 0 ? string.Create(CultureInfo.InvariantCulture, $"Signal:{terminated.Signal}")
                    : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{terminated.ExitCode}");
            }
            else if (containers[i].Ready && state.Running is not null)
            {
                running = true;
                ready++;
            }
        }

        // A completed container beside running ones does not make the pod Completed.
        if (reason == "Completed" && running)
        {
            reason = status!.Conditions.Any(c => c.Type == "Ready" && c.Status == "True") ? "Running" : "NotReady";
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            reason = status?.Reason == "NodeLost" ? "Unknown" : "Terminating";
        }

        return (ready, reason);
    }
}
