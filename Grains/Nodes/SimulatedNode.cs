using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Nodes;

/// <summary>
/// A node without a machine behind it, as KWOK simulates them: its capacity is whatever its manifest says, it is
/// always Ready, and the pods bound to it run at once and stay running until deleted. For testing scheduling,
/// controllers and scale beside real nodes.
/// </summary>
public static class SimulatedNode
{
    public const string KubeletVersion = "okube-simulated";

    public static bool IsSimulated(Node node) =>
        node.Metadata.Annotations.TryGetValue(WellKnown.SimulatedAnnotation, out var value) && value == "true";

    /// <summary>The node as it starts: Ready, allocatable defaulting to capacity, a pod limit, and its hostname label.</summary>
    public static Node Start(Node node, DateTimeOffset now)
    {
        var status = WithResources(node.Status ?? new NodeStatus(), node.Status);
        var ready = new NodeCondition
        {
            Type = WellKnown.NodeReady,
            Status = WellKnown.ConditionTrue,
            Reason = "KubeletReady",
            Message = "simulated node is ready",
            LastHeartbeatTime = now,
            LastTransitionTime = now,
        };
        status = status with
        {
            Conditions = [.. status.Conditions.Where(c => c.Type != WellKnown.NodeReady), ready],
            NodeInfo = status.NodeInfo ?? new NodeSystemInfo { KubeletVersion = KubeletVersion, ContainerRuntimeVersion = "simulated://1" },
        };
        var labels = node.Metadata.Labels.ContainsKey(WellKnown.HostnameLabel)
            ? node.Metadata.Labels
            : node.Metadata.Labels.Add(WellKnown.HostnameLabel, node.Metadata.Name!);
        return node with { Metadata = node.Metadata with { Labels = labels }, Status = status };
    }

    /// <summary>A simulated node's resources belong to its manifest: re-applying it with new ones takes them.</summary>
    public static NodeStatus WithResources(NodeStatus current, NodeStatus? manifest)
    {
        var capacity = manifest?.Capacity ?? current.Capacity;
        var allocatable = manifest is null || manifest.Allocatable.IsEmpty ? capacity : manifest.Allocatable;
        var pods = Quantity.FromMilli(NodeInfo.DefaultMaxPods * 1000);
        return current with
        {
            Capacity = capacity.ContainsKey(WellKnown.Pods) ? capacity : capacity.Add(WellKnown.Pods, pods),
            Allocatable = allocatable.ContainsKey(WellKnown.Pods) ? allocatable : allocatable.Add(WellKnown.Pods, pods),
        };
    }

    /// <summary>The status of a pod that started running at <paramref name="now"/> on <paramref name="node"/>, every container ready.</summary>
    public static PodStatus Run(Pod pod, Node node, DateTimeOffset now)
    {
        PodCondition True(string type) => new() { Type = type, Status = WellKnown.ConditionTrue, LastTransitionTime = now };
        var scheduled = pod.Status?.Conditions.FirstOrDefault(c => c.Type == WellKnown.PodScheduled) ?? True(WellKnown.PodScheduled);
        return new PodStatus
        {
            Phase = PodPhase.Running,
            Conditions = [True(WellKnown.PodInitialized), True(WellKnown.PodReady), True(WellKnown.ContainersReady), scheduled],
            HostIP = node.Status?.Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address,
            StartTime = now,
            ContainerStatuses =
            [
                .. pod.Spec.Containers.Select(container => new ContainerStatus
                {
                    Name = container.Name,
                    Image = container.Image,
                    ContainerID = $"simulated://{pod.Metadata.Uid}/{container.Name}",
                    Ready = true,
                    Started = true,
                    State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
                }),
            ],
        };
    }
}
