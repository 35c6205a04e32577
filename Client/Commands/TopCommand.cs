using System.CommandLine;
using System.CommandLine.Help;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Client.Commands;

/// <summary>
/// <c>okube top nodes</c> and <c>okube top pods [-n NS | -A] [--containers]</c>: cpu and memory in use, as the nodes'
/// kubelets last measured them.
/// </summary>
internal static class TopCommand
{
    /// <summary>Younger pods may simply not have been measured yet; kubectl blames missing metrics on older ones only.</summary>
    public static readonly TimeSpan MetricsCreationDelay = TimeSpan.FromMinutes(2);

    public static Command Create(Verbs verbs)
    {
        var command = new Command("top", "Display the cpu and memory use of nodes or pods") { Nodes(verbs), Pods(verbs) };

        // Without a subcommand, kubectl prints the group's help rather than an error.
        command.SetAction(result => new HelpAction().Invoke(result));
        return command;
    }

    private static Command Nodes(Verbs verbs)
    {
        var command = new Command("node", "Display the cpu and memory use of nodes, and their share of what the node can allocate");
        command.Aliases.Add("nodes");
        command.Aliases.Add("no");
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() => verbs.WithClusterAsync(result, async grains =>
        {
            var listing = await ObjectLister.ListAsync(grains, Resources.Nodes, Namespace.Default, allNamespaces: false, selector: null);
            var nodes = listing.SelectMany(l => l.List.Items).Cast<Node>().ToList();
            var metrics = await Task.WhenAll(nodes.Select(node => grains.GetGrain<INodeGrain>(node.Metadata.Name!).GetMetricsAsync()));
            if (metrics.All(m => m is null))
            {
                throw new CommandException("metrics not available yet");
            }

            await verbs.Context.Out.WriteAsync(MetricsTable.Nodes(nodes.Zip(metrics)));
            return ExitCodes.Success;
        }, cancellationToken), cancellationToken));
        return command;
    }

    private static Command Pods(Verbs verbs)
    {
        var @namespace = CommonOptions.Namespace();
        var allNamespaces = CommonOptions.AllNamespaces();
        var containers = new Option<bool>("--containers") { Description = "A row for each container of the pods" };
        var command = new Command("pod", "Display the cpu and memory use of pods") { @namespace, allNamespaces, containers };
        command.Aliases.Add("pods");
        command.Aliases.Add("po");
        command.Validators.Add(result => CommonOptions.RefuseNamespaceWithAll(result, @namespace, allNamespaces));
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() => verbs.WithClusterAsync(
            result,
            grains => PodsAsync(
                verbs.Context, grains, result.GetValue(@namespace) ?? Namespace.Default, result.GetValue(allNamespaces), result.GetValue(containers)),
            cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> PodsAsync(CliContext context, IGrainFactory grains, string @namespace, bool allNamespaces, bool containers)
    {
        var listings = await ObjectLister.ListAsync(grains, Resources.Pods, @namespace, allNamespaces, selector: null);
        var pods = ObjectPrinter.InOrder(listings.SelectMany(l => l.List.Items)).Cast<Pod>().ToList();

        // One call per node the pods are bound to; a node reports the pods it runs, and only a pod's own node counts.
        var nodes = pods.Select(p => p.Spec.NodeName).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
        var reports = await Task.WhenAll(nodes.Select(node => grains.GetGrain<INodeGrain>(node).GetMetricsAsync()));
        var measured = new Dictionary<(string Node, string Namespace, string Name), PodMetrics>();
        foreach (var (node, report) in nodes.Zip(reports))
        {
            foreach (var pod in report?.Pods ?? [])
            {
                measured.TryAdd((node, pod.Namespace, pod.Name), pod);
            }
        }

        var rows = pods
            .Select(p => measured.GetValueOrDefault((p.Spec.NodeName ?? "", p.Metadata.Namespace ?? "", p.Metadata.Name ?? "")))
            .OfType<PodMetrics>()
            .ToList();
        if (rows.Count > 0)
        {
            await context.Out.WriteAsync(MetricsTable.Pods(rows, allNamespaces, containers));
            return ExitCodes.Success;
        }

        if (pods.Count == 0)
        {
            await context.Error.WriteLineAsync(allNamespaces ? "No resources found" : $"No resources found in {@namespace} namespace.");
            return ExitCodes.Success;
        }

        // As kubectl: no metrics at all is an error, naming the first pod old enough to have been measured.
        var now = context.Clock.GetUtcNow();
        var old = pods.FirstOrDefault(p => now - p.Metadata.CreationTimestamp > MetricsCreationDelay);
        throw new CommandException(old is null
            ? "metrics not available yet"
            : $"Metrics not available for pod {old.Metadata.Namespace}/{old.Metadata.Name}, age: {GoDuration.Format(now - old.Metadata.CreationTimestamp!.Value)}");
    }
}
