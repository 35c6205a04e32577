using OrleansKube.Kinds.Columns;
using OrleansKube.Kinds.Describe;
using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Pods;

/// <summary><c>okube describe pod</c>, in the order and wording of <c>kubectl describe pod</c>.</summary>
public static class PodDescriber
{
    private const string FailedScheduling = "FailedScheduling";

    public static string Describe(Pod pod, DateTimeOffset now, DescribeExtras extras)
    {
        var w = new DescribeWriter();
        var status = pod.Status;
        w.Field(0, "Name", pod.Metadata.Name);
        w.Field(0, "Namespace", pod.Metadata.Namespace);
        w.Field(0, "Node", NodeOf(pod));
        if (status?.StartTime is { } started)
        {
            w.Field(0, "Start Time", DescribeWriter.Time(started));
        }

        w.Map("", "Labels", pod.Metadata.Labels);
        w.Map("", "Annotations", pod.Metadata.Annotations, ": ");
        if (pod.Metadata.DeletionTimestamp is { } deleted && status?.Phase is not ("Succeeded" or "Failed"))
        {
            w.Field(0, "Status", $"Terminating (lasts {Age.Since(deleted, now)})");
            w.Field(0, "Termination Grace Period", $"{pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30}s");
        }
        else
        {
            w.Field(0, "Status", status?.Phase ?? "Pending");
        }

        if (!string.IsNullOrEmpty(status?.Reason))
        {
            w.Field(0, "Reason", status.Reason);
        }

        if (!string.IsNullOrEmpty(status?.Message))
        {
            w.Field(0, "Message", status.Message);
        }

        w.Line(0, $"IP:\t{status?.PodIP}");
        if (!string.IsNullOrEmpty(status?.PodIP))
        {
            w.Line(0, "IPs:");
            w.Line(1, $"IP:\t{status.PodIP}");
        }
        else
        {
            w.Line(0, "IPs:\t<none>");
        }

        if (pod.Metadata.OwnerReferences.FirstOrDefault(owner => owner.Controller == true) is { } controller)
        {
            w.Field(0, "Controlled By", $"{controller.Kind}/{controller.Name}");
        }

        ContainerDescriber.Write(w, pod.Spec.Containers, status?.ContainerStatuses ?? []);
        if (status is { Conditions.Count: > 0 })
        {
            w.Line(0, "Conditions:");
            w.Line(1, "Type\tStatus");
            foreach (var condition in status.Conditions)
            {
                w.Line(1, $"{condition.Type} \t{condition.Status} ");
            }
        }

        w.Field(0, "QoS Class", QosClass(pod.Spec));
        w.Map("", "Node-Selectors", pod.Spec.NodeSelector);
        w.List("", "Tolerations", [.. pod.Spec.Tolerations.Select(DescribeWriter.Toleration)]);
        EventsDescriber.Write(w, EventsOf(pod, extras.Events), now);
        return w.ToString();
    }

    /// <summary>kubectl's <c>Node:</c> value: <c>name/hostIP</c>, just the name while the kubelet has not reported an IP, none when unbound.</summary>
    public static string? NodeOf(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec.NodeName) ? null
        : string.IsNullOrEmpty(pod.Status?.HostIP) ? pod.Spec.NodeName
        : $"{pod.Spec.NodeName}/{pod.Status.HostIP}";

    /// <summary>
    /// The pod's events, and the one a user of describe looks for most even when no event was recorded: the scheduler's
    /// <c>PodScheduled=False</c> condition, shown as the <c>FailedScheduling</c> warning kube-scheduler records.
    /// </summary>
    private static IEnumerable<Event> EventsOf(Pod pod, IReadOnlyList<Event> events)
    {
        var recorded = EventsDescriber.About(pod, events).ToList();
        var failed = pod.Status?.Conditions.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" });
        if (failed is null || recorded.Any(e => e.Reason == FailedScheduling))
        {
            return recorded;
        }

        var since = failed.LastTransitionTime ?? failed.LastProbeTime;
        return [.. recorded, new Event
        {
            Type = Event.Warning,
            Reason = FailedScheduling,
            Message = failed.Message,
            Source = new EventSource { Component = "default-scheduler" },
            FirstTimestamp = since,
            LastTimestamp = since,
            Count = 1,
        }];
    }

    /// <summary>
    /// Kubernetes' quality-of-service class: <c>BestEffort</c> without any requests or limits, <c>Guaranteed</c> when every
    /// container limits cpu and memory and requests no different amount, else <c>Burstable</c>.
    /// </summary>
    public static string QosClass(PodSpec spec)
    {
        var resources = spec.Containers.Select(c => c.Resources).ToList();
        if (resources.All(r => r.Requests.IsEmpty && r.Limits.IsEmpty))
        {
            return "BestEffort";
        }

        var guaranteed = resources.All(r => new[] { "cpu", "memory" }.All(name =>
            r.Limits.TryGetValue(name, out var limit) && (!r.Requests.TryGetValue(name, out var request) || request == limit)));
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
