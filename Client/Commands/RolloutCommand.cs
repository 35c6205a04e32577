using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using OrleansKube.Api;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube rollout status|history|undo|pause|resume deployment NAME [-n NS]</c>.</summary>
internal static class RolloutCommand
{
    public static Command Create(Verbs verbs)
    {
        var command = new Command("rollout", "Manage the rollout of a deployment")
        {
            RolloutStatusCommand.Create(verbs),
            History(verbs),
            Undo(verbs),
            Pause(verbs, paused: true),
            Pause(verbs, paused: false),
        };

        // Without a subcommand, kubectl prints the group's help rather than an error.
        command.SetAction(result => new HelpAction().Invoke(result));
        return command;
    }

    /// <summary><c>rollout history</c>: the revisions and their change causes, or with <c>--revision N</c> that revision's pod template.</summary>
    private static Command History(Verbs verbs)
    {
        var target = new DeploymentArguments();
        var revision = new Option<long>("--revision")
        {
            Description = "See the details, including the pod template, of this revision",
            HelpName = "N",
        };
        revision.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && long.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value < 0)
            {
                result.AddError(FormattableString.Invariant($"revision must be a positive integer: {value}"));
            }
        });

        var command = target.AddTo(new Command("history", "View a deployment's rollout history") { revision });
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var deployment = target.Resolve(result, (resource, _) => $"no history viewer has been implemented for \"{resource.Kind}\"");
            return verbs.WithClusterAsync(result, async grains =>
            {
                var grain = deployment.Grain(grains);
                _ = await grain.GetAsync() ?? throw ApiException.NotFound(Resources.Deployments, deployment.Name);
                var history = await grain.GetHistoryAsync();
                var wanted = result.GetValue(revision);
                if (wanted == 0)
                {
                    verbs.Context.Out.WriteLine(deployment.QualifiedName);
                    verbs.Context.Out.WriteLine(RolloutHistory.Table(history));
                    return ExitCodes.Success;
                }

                var found = history.FirstOrDefault(r => r.Revision == wanted) ?? throw new CommandException("unable to find the specified revision");
                verbs.Context.Out.WriteLine(FormattableString.Invariant($"{deployment.QualifiedName} with revision #{wanted}"));
                verbs.Context.Out.WriteLine(RolloutHistory.Revision(found));
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary><c>rollout undo [--to-revision N]</c>: back to the previous revision's template, or to revision N's.</summary>
    private static Command Undo(Verbs verbs)
    {
        var target = new DeploymentArguments();
        var toRevision = new Option<long>("--to-revision")
        {
            Description = "The revision to roll back to; 0 (the default) is the one before the current",
            HelpName = "N",
        };

        var command = target.AddTo(new Command("undo", "Roll back to a previous rollout") { toRevision });
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var deployment = target.Resolve(result, (resource, _) => $"no rollbacker has been implemented for \"{resource.Kind}\"");
            return verbs.WithClusterAsync(result, async grains =>
            {
                var grain = deployment.Grain(grains);
                var current = await grain.GetAsync() ?? throw ApiException.NotFound(Resources.Deployments, deployment.Name);

                // As kubectl's rollbacker: a paused deployment would take the old template but not roll it out.
                if (current.Spec.Paused == true)
                {
                    throw new CommandException("you cannot rollback a paused deployment; resume it first with 'okube rollout resume' and try again");
                }

                var wanted = result.GetValue(toRevision);
                await grain.RollbackAsync(wanted == 0 ? null : wanted);
                verbs.Context.Out.WriteLine($"{deployment.QualifiedName} rolled back");
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary><c>rollout pause</c> and <c>rollout resume</c>: stop rolling out template changes, or start again.</summary>
    private static Command Pause(Verbs verbs, bool paused)
    {
        var target = new DeploymentArguments();
        var (verb, description) = paused
            ? ("pause", "Mark a deployment as paused: template changes are not rolled out")
            : ("resume", "Resume a paused deployment");
        var command = target.AddTo(new Command(verb, description));
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var deployment = target.Resolve(result, (resource, name) => $"{resource.QualifiedPlural} \"{name}\" {verb[..^1]}ing is not supported");
            return verbs.WithClusterAsync(result, async grains =>
            {
                // The cluster refuses a pause of a paused deployment (and a resume of a running one) in kubectl's words.
                await deployment.Grain(grains).PauseAsync(paused);
                verbs.Context.Out.WriteLine($"{deployment.QualifiedName} {verb}d");
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));
        return command;
    }
}
