using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary>
/// The deployment that <c>scale</c> and <c>rollout</c> work on, named as kubectl accepts it: <c>deployment NAME</c>,
/// <c>deploy NAME</c>, <c>deployment.apps NAME</c> or <c>deployment/NAME</c>, in <c>-n NAMESPACE</c>.
/// </summary>
internal sealed class DeploymentArguments
{
    private readonly Argument<string> _type = CommonOptions.Positional<string>(
        "TYPE", "deployment (deploy), or deployment/NAME", ArgumentArity.ZeroOrOne);

    private readonly Argument<string> _name = CommonOptions.Positional<string>("NAME", "The deployment's name", ArgumentArity.ZeroOrOne);

    private readonly Option<string> _namespace = CommonOptions.Namespace();

    /// <summary>Adds the arguments and <c>-n</c> to <paramref name="command"/>, with kubectl's usage errors for a missing or doubled name.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_type);
        command.Add(_name);
        command.Add(_namespace);
        command.Validators.Add(Validate);
        return command;
    }

    /// <summary>
    /// The deployment named on the command line; a kind that is not a deployment fails with
    /// <paramref name="unsupported"/>'s message (given the kind and name), an unknown kind as <c>get</c> reports it.
    /// </summary>
    public DeploymentTarget Resolve(ParseResult result, Func<ResourceInfo, string, string> unsupported)
    {
        var (type, name) = Split(result.GetValue(_type)!, result.GetValue(_name));
        var resource = CommonOptions.Resolve(type);
        if (resource.Kind != Deployment.KindName)
        {
            throw new CommandException(unsupported(resource, name!));
        }

        return new(result.GetValue(_namespace) ?? Namespace.Default, name!);
    }

    private void Validate(CommandResult result)
    {
        var type = result.GetValue(_type);
        var name = result.GetValue(_name);
        if (type?.StartsWith('-') == true || name?.StartsWith('-') == true)
        {
            // An unknown flag taken as an argument; the argument itself reports it.
            return;
        }

        if (type is null)
        {
            result.AddError("required resource not specified");
        }
        else if (type.Contains('/') && name is not null)
        {
            result.AddError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form");
        }
        else if (Split(type, name).Name is not { Length: > 0 })
        {
            result.AddError("resource(s) were provided, but no name was specified");
        }
    }

    private static (string Type, string? Name) Split(string type, string? name)
    {
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (type, name) : (type[..slash], type[(slash + 1)..]);
    }
}

/// <summary>A deployment by namespace and name.</summary>
internal sealed record DeploymentTarget(string Namespace, string Name)
{
    public IDeploymentGrain Grain(IGrainFactory grains) => grains.GetGrain<IDeploymentGrain>(ObjectKey.For(Namespace, Name));

    /// <summary>How kubectl names it in its reports: <c>deployment.apps/web</c>.</summary>
    public string QualifiedName => $"{Resources.Deployments.QualifiedSingular}/{Name}";
}
