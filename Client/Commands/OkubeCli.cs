using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using OrleansKube.Client.Cluster;

namespace OrleansKube.Client.Commands;

/// <summary>The <c>okube</c> command tree, and how a command line becomes an exit code.</summary>
internal static class OkubeCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var result = Build(context).Parse(args);

        // System.CommandLine reports its own parse errors with exit code 1; kubectl-style usage errors are 2.
        if (result.Action is ParseErrorAction)
        {
            foreach (var error in result.Errors)
            {
                context.Error.WriteLine("error: " + error.Message);
            }

            context.Error.WriteLine($"See '{CommandPath(result.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }

    public static RootCommand Build(CliContext context)
    {
        var gateway = CommonOptions.Gateway();
        var verbs = new Verbs(context, gateway, CommonOptions.Redis(gateway));
        var root = new RootCommand("okube controls an Orleans.Kube cluster as kubectl controls Kubernetes.")
        {
            verbs.Gateway,
            verbs.Redis,
            ApplyCommand.Create(verbs),
            GetCommand.Create(verbs),
            DescribeCommand.Create(verbs),
            DeleteCommand.Create(verbs),
            CreateCommand.Create(verbs),
            ScaleCommand.Create(verbs),
            RolloutCommand.Create(verbs),
            LogsCommand.Create(verbs),
            TopCommand.Create(verbs),
            CordonCommand.Cordon(verbs),
            CordonCommand.Uncordon(verbs),
            DrainCommand.Create(verbs),
            KubeconfigCommand.Create(verbs),
        };

        // Without a verb, kubectl prints its help rather than an error.
        root.SetAction(result => new HelpAction().Invoke(result));
        return root;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Insert(0, command.Parent is null ? "okube" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}

/// <summary>What every verb is built with: the context it runs in and the global <c>--gateway</c> and <c>--redis</c> options.</summary>
internal sealed record Verbs(CliContext Context, Option<GatewayAddress> Gateway, Option<string> Redis)
{
    /// <summary>Runs <paramref name="body"/> with a connection to the cluster the command line (or the environment) names.</summary>
    public Task<int> WithClusterAsync(ParseResult result, Func<IGrainFactory, Task<int>> body, CancellationToken cancellationToken) =>
        CommandRunner.WithClusterAsync(Context, Address(result), body, cancellationToken);

    /// <summary>Where the cluster is: see <see cref="CommonOptions.ChooseAddress"/>.</summary>
    public ClusterAddress Address(ParseResult result) => CommonOptions.ChooseAddress(
        result.GetValue(Redis),
        result.GetValue(Gateway)!,
        result.GetResult(Gateway) is { Implicit: false },
        Environment.GetEnvironmentVariable(RedisAddress.EnvironmentVariable));

    /// <summary>Runs a verb's body, reporting what it throws as <c>error: ...</c>.</summary>
    public Task<int> RunAsync(Func<Task<int>> body, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(Context, body, cancellationToken);
}
