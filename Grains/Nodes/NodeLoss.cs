using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Nodes;

/// <summary>The status of a pod whose node was lost: Failed with reason <c>NodeLost</c>, nothing ready any more.</summary>
public static class NodeLoss
{
    public const string Reason = "NodeLost";

    public static PodStatus FailedStatus(Pod pod, string nodeName, DateTimeOffset now)
    {
        var status = pod.Status ?? new PodStatus();
        PodCondition NotReady(string type) => new()
        {
            Type = type,
            Status = WellKnown.ConditionFalse,
            Reason = Reason,
            Message = $"node {nodeName} is unresponsive",
            LastTransitionTime = now,
        };

        return status with
        {
            Phase = PodPhase.Failed,
            Reason = Reason,
            Message = $"Node {nodeName} which was running pod {pod.Metadata.Name} is unresponsive",
            Conditions =
            [
                .. status.Conditions.Where(c => c.Type is not (WellKnown.PodReady or WellKnown.ContainersReady)),
                NotReady(WellKnown.PodReady),
                NotReady(WellKnown.ContainersReady),
            ],
            ContainerStatuses = [.. status.ContainerStatuses.Select(c => c with { Ready = false })],
        };
    }
}
