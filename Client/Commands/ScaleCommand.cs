using System.CommandLine;
using System.Globalization;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube scale deployment NAME --replicas N [-n NS]</c>: set a deployment's desired number of pods.</summary>
internal static class ScaleCommand
{
    public static Command Create(Verbs verbs)
    {
        var target = new DeploymentArguments();
        var replicas = new Option<int>("--replicas")
        {
            Description = "The new desired number of replicas",
            HelpName = "COUNT",
            Required = true,
        };
        replicas.Validators.Add(result =>
        {
            // A value that is not a number is already a parse error; only a negative one is left to refuse.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var count) && count < 0)
            {
                result.AddError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
            }
        });

        var command = target.AddTo(new Command("scale", "Set a new size for a deployment") { replicas });
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            // The scale subresource exists only for deployments here; kubectl reports the API server's answer for others.
            var deployment = target.Resolve(result, (_, _) => "the server could not find the requested resource");
            return verbs.WithClusterAsync(result, async grains =>
            {
                await deployment.Grain(grains).ScaleAsync(result.GetValue(replicas));
                verbs.Context.Out.WriteLine($"{deployment.QualifiedName} scaled");
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));
        return command;
    }
}
