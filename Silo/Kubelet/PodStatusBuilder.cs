using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// A pod's status from its containers' states, by Kubernetes' rules: Pending until every container has started once,
/// Running while any runs or will run again, Succeeded or Failed when all have ended for good.
/// </summary>
internal static class PodStatusBuilder
{
    public static PodStatus Build(PodSpec spec, IReadOnlyList<ContainerStatus> containers, PodStatus? previous, string hostIP, DateTimeOffset startTime, DateTimeOffset now)
    {
        var phase = Phase(spec, containers);
        var terminal = PodPhase.IsTerminal(phase);
        var unready = containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        var ready = !terminal && unready.Count == 0;
        var readyReason = terminal ? "PodCompleted" : ready ? null : "ContainersNotReady";
        var readyMessage = terminal || ready ? null : $"containers with unready status: [{string.Join(' ', unready)}]";
        PodCondition Condition(string type, bool value, string? reason = null, string? message = null) => new()
        {
            Type = type,
            Status = value ? WellKnown.ConditionTrue : WellKnown.ConditionFalse,
            Reason = reason,
            Message = message,
            LastTransitionTime = previous?.Conditions.FirstOrDefault(c => c.Type == type) is { } before && before.Status == (value ? WellKnown.ConditionTrue : WellKnown.ConditionFalse)
                ? before.LastTransitionTime
                : now,
        };

        return new PodStatus
        {
            Phase = phase,
            Conditions =
            [
                Condition(WellKnown.PodInitialized, true),
                Condition(WellKnown.PodReady, ready, readyReason, readyMessage),
                Condition(WellKnown.ContainersReady, ready, readyReason, readyMessage),
            ],
            HostIP = hostIP,
            PodIP = hostIP,
            StartTime = startTime,
            ContainerStatuses = [.. containers],
        };
    }

    /// <summary>Kubernetes' <c>getPhase</c>: a container that crashed and waits to restart counts as stopped, not pending.</summary>
    public static string Phase(PodSpec spec, IReadOnlyList<ContainerStatus> containers)
    {
        int waiting = 0, running = 0, stopped = 0, succeeded = 0;
        foreach (var container in containers)
        {
            if (container.State.Running is not null)
            {
                running++;
            }
            else if (container.State.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (container.LastState?.Terminated is { } last)
            {
                stopped++;
                succeeded += last.ExitCode == 0 ? 1 : 0;
            }
            else
            {
                waiting++;
            }
        }

        var policy = spec.RestartPolicy ?? RestartPolicies.Always;
        return (waiting, running, stopped) switch
        {
            _ when waiting > 0 => PodPhase.Pending,
            _ when running > 0 => PodPhase.Running,
            _ when stopped == 0 => PodPhase.Pending,
            _ when policy == RestartPolicies.Always => PodPhase.Running,
            _ when stopped == succeeded => PodPhase.Succeeded,
            _ when policy == RestartPolicies.Never => PodPhase.Failed,
            _ => PodPhase.Running,
        };
    }
}
