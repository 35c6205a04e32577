using System.Globalization;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Client.Output;

/// <summary>The tables of <c>okube top</c>, as kubectl prints them: cpu in millicores, memory in whole mebibytes.</summary>
internal static class MetricsTable
{
    /// <summary>What kubectl shows in every column of a node it has no metrics for.</summary>
    public const string Unknown = "<unknown>";

    /// <summary>
    /// <c>NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%)</c>, percentages of the node's allocatable: the nodes with metrics
    /// by name, then those without, by name, with <see cref="Unknown"/> in each column.
    /// </summary>
    public static string Nodes(IEnumerable<(Node Node, NodeMetrics? Metrics)> nodes)
    {
        var byName = nodes.OrderBy(n => n.Node.Metadata.Name, StringComparer.Ordinal).ToList();
        var rows = byName.Where(n => n.Metrics is not null).Select(n => NodeRow(n.Node, n.Metrics!.Usage))
            .Concat(byName.Where(n => n.Metrics is null).Select(n => (IReadOnlyList<string>)[n.Node.Metadata.Name ?? "", Unknown, Unknown, Unknown, Unknown]));
        return new TablePrinter().Render(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"], [.. rows]);
    }

    /// <summary>
    /// <c>NAME CPU(cores) MEMORY(bytes)</c> of each pod (its containers' sum), in the order given; <c>NAMESPACE</c> first
    /// with <paramref name="withNamespace"/>; with <paramref name="containers"/> a row per container under <c>POD NAME</c>.
    /// </summary>
    public static string Pods(IEnumerable<PodMetrics> pods, bool withNamespace, bool containers)
    {
        var header = new List<string>();
        if (withNamespace) header.Add("NAMESPACE");
        if (containers) header.Add("POD");
        header.AddRange(["NAME", "CPU(cores)", "MEMORY(bytes)"]);

        var rows = new List<IReadOnlyList<string>>();
        foreach (var pod in pods)
        {
            IEnumerable<(string Name, long Cpu, long Memory)> lines = containers
                ? pod.Containers.Select(c => (c.Name, c.Usage.CpuMillicores, c.Usage.MemoryBytes))
                : [(pod.Name, pod.Containers.Sum(c => c.Usage.CpuMillicores), pod.Containers.Sum(c => c.Usage.MemoryBytes))];
            foreach (var (name, cpu, memory) in lines)
            {
                var row = new List<string>();
                if (withNamespace) row.Add(pod.Namespace);
                if (containers) row.Add(pod.Name);
                row.AddRange([name, Cpu(cpu), Memory(memory)]);
                rows.Add(row);
            }
        }

        return new TablePrinter().Render(header, rows);
    }

    public static string Cpu(long millicores) => millicores.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>Whole mebibytes, rounded down as kubectl does.</summary>
    public static string Memory(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "Mi";

    /// <summary>
    /// <paramref name="milliUsed"/> as a whole percentage of <paramref name="available"/>, in kubectl's floating-point
    /// arithmetic and rounded down as it does; <see cref="Unknown"/> when the node states no such resource.
    /// </summary>
    public static string Percent(long milliUsed, Quantity? available) =>
        available is { MilliValue: > 0 } total
            ? ((long)((double)milliUsed / total.MilliValue * 100)).ToString(CultureInfo.InvariantCulture) + "%"
            : Unknown;

    private static IReadOnlyList<string> NodeRow(Node node, ResourceUsage usage)
    {
        var allocatable = node.Status?.Allocatable;
        return
        [
            node.Metadata.Name ?? "",
            Cpu(usage.CpuMillicores),
            Percent(usage.CpuMillicores, allocatable?.TryGetValue("cpu", out var cpu) == true ? cpu : null),
            Memory(usage.MemoryBytes),
            Percent(usage.MemoryBytes * 1000, allocatable?.TryGetValue("memory", out var memory) == true ? memory : null),
        ];
    }
}
