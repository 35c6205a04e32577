using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;

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

    /// <summary>
    /// <c>--redis CONNECTION</c> on every verb: find the gateways through Redis clustering; refused beside an explicit
    /// <c>--gateway</c>.
    /// </summary>
    public static Option<string> Redis(Option<GatewayAddress> gateway) => new("--redis")
    {
        Description = $"Find the cluster's gateways through Redis clustering, as a StackExchange.Redis configuration such as 127.0.0.1:6379 (default ${RedisAddress.EnvironmentVariable}); not with --gateway",
        HelpName = "CONNECTION",
        Recursive = true,
        Validators =
        {
            result =>
            {
                if (result.GetResult(gateway) is { Implicit: false })
                {
                    result.AddError("--gateway and --redis cannot be used together: name one gateway, or the Redis that lists them");
                }
                else if (RedisAddress.Parse(result.GetValueOrDefault<string>() ?? "", out var error) is null)
                {
                    result.AddError(error);
                }
            },
        },
    };

    /// <summary>
    /// Where the command finds the cluster: <c>--redis</c>, else <c>--gateway</c>, else <c>OKUBE_REDIS</c>, else
    /// <c>OKUBE_GATEWAY</c>, else 127.0.0.1:30000. A flag beats the environment.
    /// </summary>
    public static ClusterAddress ChooseAddress(string? redisFlag, GatewayAddress gateway, bool gatewayGiven, string? redisEnvironment)
    {
        if (redisFlag is { Length: > 0 })
        {
            return new RedisAddress(redisFlag);
        }

        if (gatewayGiven || redisEnvironment is not { Length: > 0 })
        {
            return gateway;
        }

        return RedisAddress.Parse(redisEnvironment, out var error)
            ?? throw new CommandException($"{RedisAddress.EnvironmentVariable}: {error}");
    }

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
        Positional<string>("KIND", KindHelp, ArgumentArity.ZeroOrOne);

    private static string KindHelp { get; } =
        $"The kind: {string.Join(", ", KindRegistry.All.Select(kind => kind.Resource.Plural))}, " +
        $"or a short name ({string.Join(", ", KindRegistry.All.SelectMany(kind => kind.Resource.ShortNames))})";

    /// <summary>The resource a kind argument names, as kubectl accepts it (<c>pods</c>, <c>po</c>, <c>deployments.apps</c>).</summary>
    public static ResourceInfo Resolve(string kind) =>
        KindRegistry.Find(kind)?.Resource ?? throw new CommandException($"the server doesn't have a resource type \"{kind}\"");

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
