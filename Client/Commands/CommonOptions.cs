using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;

namespace OrleansKube.Client.Commands;

/// <summary>The options several verbs share, named and spelled as kubectl's.</summary>
internal static class CommonOptions
{
    /// <summary><c>--gateway HOST:PORT</c> on every verb; defaults to <c>OKUBE_GATEWAY</c>, else 127.0.0.1:30000.</summary>
    public static Option<GatewayAddress> Gateway() => new("--gateway")
    {
        Description = $"The cluster's client gateway as HOST:PORT (default ${GatewayAddress.EnvironmentVariable}, else {GatewayAddress.Default})",
        HelpName = "HOST:PORT",
        Recursive = true,
        CustomParser = result => ParseGateway(result.Tokens[0].Value, result.AddError),
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(GatewayAddress.EnvironmentVariable) is { Length: > 0 } text
            ? ParseGateway(text, error => result.AddError($"{GatewayAddress.EnvironmentVariable}: {error}"))
            : GatewayAddress.Default,
    };

    public static Option<string> Namespace() => new("--namespace", "-n")
    {
        Description = "The namespace of the objects (default \"default\")",
        HelpName = "NAMESPACE",
    };

    public static Option<bool> AllNamespaces() => new("--all-namespaces", "-A") { Description = "List the objects of every namespace" };

    /// <summary>Refuses <c>-A</c> beside <c>-n</c>, as kubectl does.</summary>
    public static void RefuseNamespaceWithAll(CommandResult result, Option<string> @namespace, Option<bool> allNamespaces)
    {
        if (result.GetValue(allNamespaces) && result.GetResult(@namespace) is not null)
        {
            result.AddError("--all-namespaces (-A) and --namespace (-n) cannot be used together");
        }
    }

    public static Option<string[]> Filenames(string purpose) => new("--filename", "-f")
    {
        Description = $"Files or directories (their .yaml, .yml and .json files) {purpose}; - reads stdin",
        HelpName = "FILE",
    };

    public static Option<string> Output() => new("--output", "-o")
    {
        Description = "Output format: wide, json, yaml or name",
        HelpName = "FORMAT",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (OutputFormats.Parse(value) is null)
                {
                    result.AddError($"unable to match a printer suitable for the output format \"{value}\", allowed formats are: {string.Join(",", OutputFormats.Names)}");
                }
            },
        },
    };

    /// <summary>
    /// <c>--timeout DURATION</c> in Go's notation (<c>30s</c>, <c>5m</c>), null when not given; a malformed value is refused
    /// with kubectl's words.
    /// </summary>
    public static Option<TimeSpan?> Timeout(string description) => new("--timeout")
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (GoDuration.Parse(text) is { } duration)
            {
                return duration;
            }

            result.AddError($"invalid argument \"{text}\" for \"--timeout\" flag: time: invalid duration \"{text}\"");
            return null;
        },
    };

    /// <summary>
    /// A positional argument that refuses values looking like flags: System.CommandLine would take an unknown
    /// <c>--flag</c> as the argument's value, where kubectl reports <c>unknown flag</c>.
    /// </summary>
    public static Argument<T> Positional<T>(string name, string description, ArgumentArity arity)
    {
        var argument = new Argument<T>(name) { Arity = arity, Description = description };
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => token.Value.Length > 1 && token.Value.StartsWith('-')))
            {
                result.AddError($"unknown flag: {token.Value}");
            }
        });
        return argument;
    }

    public static Argument<string> Kind() =>
        Positional<string>("KIND", "The kind: pods, deployments, nodes, namespaces, events, or a short name (po, deploy, no, ns, ev)", ArgumentArity.ZeroOrOne);

    /// <summary>The resource a kind argument names, as kubectl accepts it (<c>pods</c>, <c>po</c>, <c>deployments.apps</c>).</summary>
    public static ResourceInfo Resolve(string kind) =>
        Resources.Find(kind) ?? throw new CommandException($"the server doesn't have a resource type \"{kind}\"");

    // A malformed address is a parse error, so the default returned with it is never used.
    private static GatewayAddress ParseGateway(string text, Action<string> addError)
    {
        var address = GatewayAddress.Parse(text, out var error);
        if (address is null)
        {
            addError(error);
        }

        return address ?? GatewayAddress.Default;
    }
}
