using System.CommandLine;

namespace OrleansKube.Client.Commands;

/// <summary>
/// <c>okube drain NODE [--force] [--timeout DURATION]</c>: cordons the node, then evicts its pods so their controllers
/// replace them elsewhere, and waits until they are gone. kubectl's <c>--grace-period</c>, <c>--ignore-daemonsets</c>
/// and <c>--delete-emptydir-data</c> are accepted, so its usual command lines work as they are.
/// </summary>
internal static class DrainCommand
{
    /// <summary>How long drain waits for the pods to go when no <c>--timeout</c> is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(Verbs verbs)
    {
        var node = CommonOptions.Positional<string>("NODE", "The node's name", ArgumentArity.ExactlyOne);
        var force = new Option<bool>("--force") { Description = "Also evict pods that no controller owns: nothing brings them back" };
        var gracePeriod = new Option<int>("--grace-period")
        {
            Description = "Accepted as kubectl's; a stopped pod gets its own terminationGracePeriodSeconds",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => -1,
        };
        var ignoreDaemonSets = new Option<bool>("--ignore-daemonsets") { Description = "Accepted as kubectl's; there are no daemon sets here" };
        var deleteEmptyDirData = new Option<bool>("--delete-emptydir-data") { Description = "Accepted as kubectl's; pods here have no emptyDir volumes" };
        var timeout = CommonOptions.Timeout("How long to wait for the pods to go, such as 30s or 5m (default 60s); 0 waits forever");
        var command = new Command("drain", "Cordon a node and evict its pods")
        {
            node, force, gracePeriod, ignoreDaemonSets, deleteEmptyDirData, timeout,
        };

        command.SetAction((result, cancellationToken) => verbs.RunAsync(() => verbs.WithClusterAsync(result, async grains =>
        {
            var name = result.GetValue(node)!;
            var (cordoned, changed) = await CordonCommand.SetUnschedulableAsync(grains, name, unschedulable: true);
            await verbs.Context.Out.WriteLineAsync(CordonCommand.Outcome(cordoned, changed, "cordon"));
            var drainer = new NodeDrainer(verbs.Context, grains, name, result.GetValue(force), result.GetValue(timeout) ?? DefaultTimeout);
            return await drainer.DrainAsync(cancellationToken);
        }, cancellationToken), cancellationToken));
        return command;
    }
}
