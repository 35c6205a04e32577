using OrleansKube.Kinds.Describe;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Kinds.Nodes;

/// <summary><c>okube describe node</c>, in the order and wording of <c>kubectl describe node</c>.</summary>
public static class NodeDescriber
{
    public static string Describe(Node node)
    {
        var w = new DescribeWriter();
        var status = node.Status ?? new NodeStatus();
        w.Field(0, "Name", node.Metadata.Name);
        w.Field(0, "Roles", string.Join(",", NodeColumns.Roles(node)));
        w.Map("", "Labels", node.Metadata.Labels);
        w.Map("", "Annotations", node.Metadata.Annotations, ": ");
        w.Field(0, "CreationTimestamp", DescribeWriter.Time(node.Metadata.CreationTimestamp));
        w.List("", "Taints", [.. node.Spec.Taints.Select(Taint)]);
        w.Field(0, "Unschedulable", node.Spec.Unschedulable == true ? "true" : "false");
        if (!status.Conditions.IsEmpty)
        {
            w.Line(0, "Conditions:");
            w.Line(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage");
            w.Line(1, "----\t------\t-----------------\t------------------\t------\t-------");
            foreach (var c in status.Conditions)
            {
                w.Line(1, $"{c.Type} \t{c.Status} \t{DescribeWriter.Time(c.LastHeartbeatTime)} \t{DescribeWriter.Time(c.LastTransitionTime)} \t{c.Reason} \t{c.Message}");
            }
        }

        w.Line(0, "Addresses:");
        foreach (var address in status.Addresses)
        {
            w.Line(1, $"{address.Type}:\t{address.Address}");
        }

        WriteResources(w, "Capacity", status.Capacity);
        WriteResources(w, "Allocatable", status.Allocatable);
        if (status.NodeInfo is { } info)
        {
            w.Line(0, "System Info:");
            w.Line(1, $"Machine ID:\t{info.MachineID}");
            w.Line(1, $"Kernel Version:\t{info.KernelVersion}");
            w.Line(1, $"Operating System:\t{info.OperatingSystem}");
            w.Line(1, $"Architecture:\t{info.Architecture}");
            w.Line(1, $"Container Runtime Version:\t{info.ContainerRuntimeVersion}");
            w.Line(1, $"Kubelet Version:\t{info.KubeletVersion}");
        }

        if (!string.IsNullOrEmpty(node.Spec.PodCIDR))
        {
            w.Field(0, "PodCIDR", node.Spec.PodCIDR);
        }

        if (!string.IsNullOrEmpty(node.Spec.ProviderID))
        {
            w.Field(0, "ProviderID", node.Spec.ProviderID);
        }

        w.Field(0, "Events", null);
        return w.ToString();
    }

    /// <summary>A taint as kubectl prints it: <c>key=value:Effect</c>, or <c>key:Effect</c> without a value.</summary>
    public static string Taint(Taint taint) =>
        string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";

    private static void WriteResources(DescribeWriter w, string label, IReadOnlyDictionary<string, Quantity> resources)
    {
        if (resources.Count == 0)
        {
            return;
        }

        w.Line(0, label + ":");
        foreach (var (name, quantity) in resources)
        {
            w.Line(1, $"{name}:\t{quantity}");
        }
    }
}
