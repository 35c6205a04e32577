using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube cordon NODE</c> and <c>okube uncordon NODE</c>: mark a node unschedulable, or schedulable again.</summary>
internal static class CordonCommand
{
    /// <summary>How many times a write that lost a race with another writer is tried in all.</summary>
    public const int Attempts = 5;

    public static Command Cordon(Verbs verbs) => Create(verbs, "cordon", "Mark a node as unschedulable", unschedulable: true);

    public static Command Uncordon(Verbs verbs) => Create(verbs, "uncordon", "Mark a node as schedulable", unschedulable: false);

    /// <summary>
    /// Sets <c>spec.unschedulable</c> of the node: true, or left out (as kubectl's false) to uncordon. The write carries
    /// the version it read, so a concurrent change is never overwritten; on a conflict the node is read again.
    /// </summary>
    /// <returns>The node as it now is, and whether it had to change.</returns>
    public static async Task<(Node Node, bool Changed)> SetUnschedulableAsync(IGrainFactory grains, string name, bool unschedulable)
    {
        var grain = grains.GetObjectGrain<Node>(null, name);
        for (var attempt = 1; ; attempt++)
        {
            var node = await grain.GetAsync() ?? throw ApiException.NotFound(Resources.Nodes, name);
            if ((node.Spec.Unschedulable == true) == unschedulable)
            {
                return (node, false);
            }

            try
            {
                return (await grain.UpdateAsync(node with { Spec = node.Spec with { Unschedulable = unschedulable ? true : null } }), true);
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.Conflict && attempt < Attempts)
            {
                // Someone else wrote the node since it was read; the next round works on their version.
            }
        }
    }

    /// <summary>kubectl's line for what <paramref name="verb"/> (<c>cordon</c> or <c>uncordon</c>) did: <c>node/n cordoned</c>, <c>node/n already cordoned</c>.</summary>
    public static string Outcome(Node node, bool changed, string verb) => $"{ObjectPrinter.NameOf(node)} {(changed ? "" : "already ")}{verb}ed";

    private static Command Create(Verbs verbs, string verb, string description, bool unschedulable)
    {
        var name = CommonOptions.Positional<string>("NODE", "The node's name", ArgumentArity.ExactlyOne);
        var command = new Command(verb, description) { name };
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() => verbs.WithClusterAsync(result, async grains =>
        {
            var (node, changed) = await SetUnschedulableAsync(grains, result.GetValue(name)!, unschedulable);
            verbs.Context.Out.WriteLine(Outcome(node, changed, verb));
            return ExitCodes.Success;
        }, cancellationToken), cancellationToken));
        return command;
    }
}
