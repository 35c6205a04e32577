using System.CommandLine;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube logs POD [-c CONTAINER] [--tail N] [-f] [-p] [-n NS]</c>: print a container's log, or follow it.</summary>
internal static class LogsCommand
{
    public static Command Create(Verbs verbs)
    {
        var pod = CommonOptions.Positional<string>("POD", "The pod's name", ArgumentArity.ExactlyOne);
        var container = new Option<string>("--container", "-c")
        {
            Description = "The container whose log to print; may be left out when the pod has only one",
            HelpName = "CONTAINER",
        };
        var tail = new Option<int>("--tail")
        {
            Description = "Only the last N lines of the log; -1 (the default) prints all of it",
            HelpName = "N",
            DefaultValueFactory = _ => -1,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what the container writes until interrupted or the pod is gone" };
        var previous = new Option<bool>("--previous", "-p") { Description = "The log of the container's previous run, if it was restarted" };
        var @namespace = CommonOptions.Namespace();
        var command = new Command("logs", "Print the log of a container in a pod") { pod, container, tail, follow, previous, @namespace };

        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var request = new LogsRequest(
                result.GetValue(@namespace) ?? Namespace.Default,
                result.GetValue(pod)!,
                result.GetValue(container),
                result.GetValue(tail) is var lines and >= 0 ? lines : null,
                result.GetValue(follow),
                result.GetValue(previous));
            return verbs.WithClusterAsync(
                result, grains => new PodLogReader(verbs.Context, grains, request).RunAsync(cancellationToken), cancellationToken);
        }, cancellationToken));
        return command;
    }
}
