using OrleansKube.Kinds.Columns;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Kinds.Nodes;

/// <summary><c>NAME STATUS ROLES AGE VERSION</c>, wide <c>INTERNAL-IP CPU MEMORY PODS</c> (allocatable, else capacity).</summary>
public static class NodeColumns
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    public static ColumnSet<Node> Set { get; } = new(
        new("NAME", (node, _) => node.Metadata.Name ?? ""),
        new("STATUS", (node, _) => Status(node)),
        new("ROLES", (node, _) => ColumnSet.OrNone(string.Join(",", Roles(node)))),
        new("AGE", (node, now) => Age.Since(node.Metadata.CreationTimestamp, now)),
        new("VERSION", (node, _) => ColumnSet.OrNone(node.Status?.NodeInfo?.KubeletVersion)),
        new("INTERNAL-IP", (node, _) => ColumnSet.OrNone(node.Status?.Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address), Wide: true),
        new("CPU", (node, _) => Resource(node, "cpu"), Wide: true),
        new("MEMORY", (node, _) => Resource(node, "memory"), Wide: true),
        new("PODS", (node, _) => Resource(node, "pods"), Wide: true));

    /// <summary><c>Ready</c> or <c>NotReady</c> from the Ready condition (<c>Unknown</c> without one), plus <c>,SchedulingDisabled</c> when cordoned.</summary>
    public static string Status(Node node)
    {
        var ready = node.Status?.Conditions.FirstOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>The roles named by <c>node-role.kubernetes.io/ROLE</c> labels and the legacy <c>kubernetes.io/role</c> label, sorted.</summary>
    public static IReadOnlyList<string> Roles(Node node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Metadata.Labels)
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
            {
                roles.Add(key[RoleLabelPrefix.Length..]);
            }
            else if (key == LegacyRoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }

        return [.. roles];
    }

    private static string Resource(Node node, string name) =>
        node.Status is null ? "<none>"
        : node.Status.Allocatable.TryGetValue(name, out var allocatable) ? allocatable.ToString()
        : node.Status.Capacity.TryGetValue(name, out var capacity) ? capacity.ToString()
        : "<none>";
}
