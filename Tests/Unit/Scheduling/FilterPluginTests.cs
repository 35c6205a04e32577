using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling.Plugins;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class FilterPluginTests
{
    private const string Fits = "";

    // Node: 1000m cpu, 1000Mi memory, 3 pods unless said otherwise. Expected reasons are joined with "; ", empty when the pod fits.
    [Theory]
    [InlineData(0, 0, 0, 500, 500 * Mi, Fits)]
    [InlineData(500, 500 * Mi, 2, 500, 500 * Mi, Fits)] // exactly full: cpu, memory and pod count all at their limit
    [InlineData(500, 500 * Mi, 1, 501, 500 * Mi, "Insufficient cpu")]
    [InlineData(500, 500 * Mi, 1, 500, 500 * Mi + 1, "Insufficient memory")]
    [InlineData(0, 0, 3, 0, 0, "Too many pods")]
    [InlineData(0, 0, 3, 1, 1, "Too many pods")]
    [InlineData(1, 1, 3, 1000, 1000 * Mi, "Too many pods; Insufficient cpu; Insufficient memory")]
    [InlineData(0, 0, 0, 1001, 1001 * Mi, "Insufficient cpu; Insufficient memory")]
    [InlineData(1000, 1000 * Mi, 1, 0, 0, Fits)] // a pod that requests nothing fits a node whose resources are all requested
    [InlineData(1000, 1000 * Mi, 1, 1, 0, "Insufficient cpu")]
    [InlineData(1000, 1000 * Mi, 1, 0, 1, "Insufficient memory")]
    public void Resources_fit_in_what_is_left(long usedCpu, long usedMemory, int usedPods, long podCpu, long podMemory, string expected)
    {
        var node = Node(cpuMilli: 1000, memory: 1000 * Mi, pods: 3).Used(usedCpu, usedMemory, usedPods);

        var reasons = new NodeResourcesFit().Filter(Pod(cpuMilli: podCpu, memory: podMemory), node);

        Assert.Equal(expected, reasons is null ? Fits : string.Join("; ", reasons));
    }

    [Theory]
    [InlineData(0, 0, Fits)]
    [InlineData(1, 0, "Insufficient cpu")]
    [InlineData(0, 1, "Insufficient memory")]
    public void A_node_with_no_cpu_or_memory_takes_pods_that_request_none(long podCpu, long podMemory, string expected)
    {
        var node = Node(cpuMilli: 0, memory: 0);

        var reasons = new NodeResourcesFit().Filter(Pod(cpuMilli: podCpu, memory: podMemory), node);

        Assert.Equal(expected, reasons is null ? Fits : string.Join("; ", reasons));
    }

    [Fact]
    public void Pods_default_to_110_per_node()
    {
        var node = Node().Used(0, 0, podCount: 109);
        var filter = new NodeResourcesFit();

        Assert.Null(filter.Filter(Pod(), node));
        node.Add(Pod("one-more"));
        Assert.Equal([NodeResourcesFit.TooManyPods], filter.Filter(Pod(), node));
    }

    [Theory]
    [InlineData(true, Fits)]
    [InlineData(false, "node(s) were not ready")]
    public void Only_ready_nodes_take_pods(bool ready, string expected) =>
        Assert.Equal(expected, Reasons(new NodeReady().Filter(Pod(), Node(ready: ready))));

    [Theory]
    [InlineData(false, null, null, null, Fits)]
    [InlineData(true, null, null, null, "node(s) were unschedulable")]
    [InlineData(true, "node.kubernetes.io/unschedulable", "Exists", "NoSchedule", Fits)]
    [InlineData(true, "node.kubernetes.io/unschedulable", "Exists", null, Fits)]
    [InlineData(true, null, "Exists", null, Fits)] // tolerates everything
    [InlineData(true, "node.kubernetes.io/unschedulable", "Exists", "NoExecute", "node(s) were unschedulable")]
    [InlineData(true, "dedicated", "Exists", null, "node(s) were unschedulable")]
    public void Cordoned_nodes_take_only_pods_that_tolerate_being_unschedulable(
        bool cordoned, string? key, string? op, string? effect, string expected)
    {
        var pod = Pod(tolerations: key is null && op is null ? [] : [new() { Key = key, Operator = op, Effect = effect }]);

        Assert.Equal(expected, Reasons(new NodeUnschedulable().Filter(pod, Node(unschedulable: cordoned))));
    }

    [Theory]
    [InlineData("", "zone=a", Fits)]
    [InlineData("zone=a", "zone=a", Fits)]
    [InlineData("zone=a", "zone=a,disk=ssd,kubernetes.io/hostname=node", Fits)]
    [InlineData("zone=a,disk=ssd", "disk=ssd,zone=a", Fits)]
    [InlineData("zone=a", "", "node(s) didn't match Pod's node affinity/selector")]
    [InlineData("zone=a", "disk=ssd", "node(s) didn't match Pod's node affinity/selector")]
    [InlineData("zone=a", "zone=b", "node(s) didn't match Pod's node affinity/selector")]
    [InlineData("zone=a", "zone=A", "node(s) didn't match Pod's node affinity/selector")]
    [InlineData("zone=", "zone=a", "node(s) didn't match Pod's node affinity/selector")]
    [InlineData("zone=", "zone=", Fits)]
    [InlineData("zone=a,disk=ssd", "zone=a", "node(s) didn't match Pod's node affinity/selector")]
    public void Node_selector_needs_every_label_with_its_value(string selector, string labels, string expected)
    {
        var pod = Pod(nodeSelector: Samples.Labels(Split(selector)));
        var node = Node(labels: Samples.Labels(Split(labels)));

        Assert.Equal(expected, Reasons(new NodeSelectorFit().Filter(pod, node)));
    }

    [Theory]
    [InlineData(null, "node-1", Fits)]
    [InlineData("node-1", "node-1", Fits)]
    [InlineData("node-1", "node-2", "node(s) didn't match the requested node name")]
    [InlineData("node-1", "Node-1", "node(s) didn't match the requested node name")]
    public void A_pod_that_names_a_node_goes_only_there(string? nodeName, string node, string expected) =>
        Assert.Equal(expected, Reasons(new NodeNameFit().Filter(Pod(nodeName: nodeName), Node(node))));

    // Taints are "key=value:Effect" joined with ","; tolerations are "key|operator|value|effect" joined with ",".
    [Theory]
    [InlineData("", "", Fits)]
    [InlineData("dedicated=gpu:NoSchedule", "", "node(s) had untolerated taint {dedicated: gpu}")]
    [InlineData("dedicated=gpu:NoExecute", "", "node(s) had untolerated taint {dedicated: gpu}")]
    [InlineData("dedicated=gpu:PreferNoSchedule", "", Fits)]
    [InlineData("dedicated:NoSchedule", "", "node(s) had untolerated taint {dedicated: }")]
    [InlineData("dedicated=gpu:NoSchedule", "dedicated|Equal|gpu|NoSchedule", Fits)]
    [InlineData("dedicated=gpu:NoSchedule", "dedicated|Equal|cpu|NoSchedule", "node(s) had untolerated taint {dedicated: gpu}")]
    [InlineData("dedicated=gpu:NoSchedule", "dedicated|Exists||", Fits)]
    [InlineData("dedicated=gpu:NoSchedule", "dedicated|Exists||NoExecute", "node(s) had untolerated taint {dedicated: gpu}")]
    [InlineData("dedicated=gpu:NoSchedule,team=ml:NoExecute", "dedicated|Exists||", "node(s) had untolerated taint {team: ml}")]
    [InlineData("dedicated=gpu:NoSchedule,team=ml:NoExecute", "dedicated|Exists||,team|Equal|ml|NoExecute", Fits)]
    [InlineData("dedicated=gpu:NoSchedule,team=ml:NoExecute", "|Exists||", Fits)]
    [InlineData("dedicated=gpu:PreferNoSchedule,team=ml:NoSchedule", "", "node(s) had untolerated taint {team: ml}")]
    public void Taints_that_forbid_scheduling_keep_away_pods_that_do_not_tolerate_them(string taints, string tolerations, string expected)
    {
        var node = Node(taints: Split(taints).Select(ParseTaint));
        var pod = Pod(tolerations: Split(tolerations).Select(ParseToleration));

        Assert.Equal(expected, Reasons(new TaintToleration().Filter(pod, node)));
    }

    [Fact]
    public void A_taint_is_reported_in_kubernetes_words() =>
        Assert.Equal("node(s) had untolerated taint {dedicated: gpu}", TaintToleration.Reason(Taint("dedicated", "gpu", TaintEffects.NoSchedule)));

    private static string Reasons(IReadOnlyList<string>? reasons) => reasons is null ? Fits : string.Join("; ", reasons);

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');

    private static Taint ParseTaint(string text)
    {
        var (keyValue, effect) = (text[..text.IndexOf(':', StringComparison.Ordinal)], text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var equals = keyValue.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? Taint(keyValue, null, effect) : Taint(keyValue[..equals], keyValue[(equals + 1)..], effect);
    }

    private static Toleration ParseToleration(string text)
    {
        var parts = text.Split('|');
        return new() { Key = parts[0], Operator = parts[1], Value = parts[2], Effect = parts[3] };
    }
}
