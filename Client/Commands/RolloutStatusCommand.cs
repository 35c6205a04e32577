using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Output;
using OrleansKube.Grains;
using OrleansKube.Kinds;

namespace OrleansKube.Client.Commands;

/// <summary>
/// <c>okube rollout status deployment NAME [--timeout DURATION] [-w=false]</c>: reads the deployment until its rollout
/// is done, printing each new state as kubectl does.
/// </summary>
internal static class RolloutStatusCommand
{
    public static Command Create(Verbs verbs)
    {
        var target = new DeploymentArguments();
        var timeout = CommonOptions.Timeout("How long to wait before giving up, such as 30s or 5m; 0 (the default) waits forever");
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Wait until the rollout finishes (the default); --watch=false prints the status once",
            DefaultValueFactory = _ => true,
        };

        var command = target.AddTo(new Command("status", "Show the status of a deployment's rollout") { timeout, watch });
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var deployment = target.Resolve(result, (resource, _) => $"no status viewer has been implemented for {resource.Kind}");
            return verbs.WithClusterAsync(
                result,
                grains => WaitAsync(verbs.Context, deployment, deployment.Grain(grains), result.GetValue(timeout) ?? TimeSpan.Zero, result.GetValue(watch), cancellationToken),
                cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Reads the deployment every <see cref="CliContext.PollInterval"/> and prints its state whenever the line changes,
    /// until the rollout is done (exit 0), fails, the deployment goes away, or <paramref name="timeout"/> passes
    /// (when positive). Without <paramref name="watch"/> the first state is the only one.
    /// </summary>
    public static async Task<int> WaitAsync(
        CliContext context, DeploymentTarget target, IDeploymentGrain grain, TimeSpan timeout, bool watch, CancellationToken cancellationToken)
    {
        using var deadline = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, context.Clock) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string? printed = null;
        try
        {
            while (true)
            {
                either.Token.ThrowIfCancellationRequested();
                var deployment = await grain.GetAsync().WaitAsync(either.Token);
                if (deployment is null)
                {
                    // Gone while waiting: a deployment made again under the name is another rollout, not this one.
                    throw printed is null ? ApiException.NotFound(Resources.Deployments, target.Name) : new CommandException("object has been deleted");
                }

                var state = DeploymentStatusViewer.Status(deployment);
                if (state.Failed)
                {
                    throw new CommandException(state.Message);
                }

                if (state.Message != printed)
                {
                    await context.Out.WriteLineAsync(state.Message);
                    await context.Out.FlushAsync(either.Token);
                    printed = state.Message;
                }

                if (state.Done || !watch)
                {
                    return ExitCodes.Success;
                }

                await Task.Delay(context.PollInterval, context.Clock, either.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CommandException("timed out waiting for the condition");
        }
    }
}
