using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Pods;

namespace OrleansKube.Client.Commands;

/// <summary>
/// Evicts the pods of a cordoned node, in kubectl's words: refuses when a pod no controller owns would be lost (unless
/// forced), deletes the others, and waits until each is gone or <c>timeout</c> passes (never, when it is zero).
/// </summary>
internal sealed class NodeDrainer(CliContext context, IGrainFactory grains, string node, bool force, TimeSpan timeout)
{
    private const string UnmanagedError = "cannot delete Pods that declare no controller (use --force to override)";
    private const string UnmanagedWarning = "deleting Pods that declare no controller";

    /// <summary>Whether draining would lose the pod for good: it still runs and no controller would make it again.</summary>
    public static bool DeclaresNoController(Pod pod) =>
        !PodPhase.IsTerminal(pod.Status?.Phase) && !pod.Metadata.OwnerReferences.Any(owner => owner.Controller == true);

    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var pods = await PodsAsync();
        var unmanaged = pods.Where(DeclaresNoController).Select(QualifiedName).ToList();
        if (unmanaged.Count > 0 && !force)
        {
            return Fail($"{UnmanagedError}: {string.Join(", ", unmanaged)}", pending: []);
        }

        if (unmanaged.Count > 0)
        {
            await context.Error.WriteLineAsync($"Warning: {UnmanagedWarning}: {string.Join(", ", unmanaged)}");
        }

        var (pending, errors) = await EvictAsync(pods, cancellationToken);
        if (errors.Count > 0)
        {
            // As Go's aggregate error: one error as it is, several in brackets.
            return Fail(errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]", pending);
        }

        await context.Out.WriteLineAsync($"node/{node} drained");
        return ExitCodes.Success;
    }

    private static string QualifiedName(Pod pod) => $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";

    private IObjectGrain<Pod> Grain(Pod pod) => grains.GetObjectGrain<Pod>(pod.Metadata.Namespace, pod.Metadata.Name!);

    /// <summary>The pods bound to the node, as they are now; a pod gone or bound elsewhere since the node listed it is left out.</summary>
    private async Task<List<Pod>> PodsAsync()
    {
        var keys = await grains.GetGrain<INodeGrain>(node).GetPodsAsync();
        var pods = await Task.WhenAll(keys.Select(key =>
        {
            var (@namespace, name) = ObjectKey.Parse(key);
            return grains.GetObjectGrain<Pod>(@namespace, name).GetAsync();
        }));
        return [.. pods.OfType<Pod>().Where(pod => pod.Spec.NodeName == node)];
    }

    /// <summary>Deletes the pods and waits until they are gone; returns those that are not, and what went wrong.</summary>
    private async Task<(List<Pod> Pending, List<string> Errors)> EvictAsync(List<Pod> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods)
        {
            await context.Out.WriteLineAsync($"evicting pod {QualifiedName(pod)}");
        }

        var deletions = await Task.WhenAll(pods.Select(DeleteAsync));
        var errors = deletions.Select(d => d.Error).OfType<string>().ToList();
        var pending = deletions.Where(d => d.Error is not null).Select(d => d.Pod).ToList();

        // Only the pods deleted here are waited for: one already gone was never this drain's to evict, as in kubectl.
        var left = await WaitUntilGoneAsync([.. deletions.Where(d => d.Deleted).Select(d => d.Pod)], cancellationToken);
        errors.AddRange(left.Select(pod =>
            $"error when waiting for pod \"{pod.Metadata.Name}\" terminating: global timeout reached: {GoDuration.Format(timeout)}"));
        pending.AddRange(left);
        return (pending, errors);
    }

    /// <summary>Deletes the pod; whether it was there to delete, or what went wrong.</summary>
    private async Task<(Pod Pod, bool Deleted, string? Error)> DeleteAsync(Pod pod)
    {
        try
        {
            await Grain(pod).DeleteAsync(null);
            return (pod, true, null);
        }
        catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound)
        {
            return (pod, false, null);
        }
        catch (ApiException e)
        {
            return (pod, false, $"error when evicting pod \"{pod.Metadata.Name}\": {e.Message}");
        }
    }

    /// <summary>Reads the pods every poll interval, saying of each when it is gone (or replaced by another of its name); returns those still there at the deadline.</summary>
    private async Task<List<Pod>> WaitUntilGoneAsync(List<Pod> pods, CancellationToken cancellationToken)
    {
        using var deadline = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, context.Clock) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            var current = await Task.WhenAll(pods.Select(pod => Grain(pod).GetAsync()));
            var still = new List<Pod>();
            foreach (var (pod, now) in pods.Zip(current))
            {
                if (now is null || now.Metadata.Uid != pod.Metadata.Uid)
                {
                    await context.Out.WriteLineAsync($"pod/{pod.Metadata.Name} evicted");
                }
                else
                {
                    still.Add(pod);
                }
            }

            pods = still;
            if (pods.Count == 0)
            {
                return pods;
            }

            try
            {
                await Task.Delay(context.PollInterval, context.Clock, either.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return pods;
            }
        }
    }

    /// <summary>kubectl's lines for a drain that failed; the node stays cordoned.</summary>
    private int Fail(string error, List<Pod> pending)
    {
        if (pending.Count > 0)
        {
            context.Error.WriteLine($"There are pending pods in node \"{node}\" when an error occurred: {error}");
            foreach (var pod in pending)
            {
                context.Error.WriteLine($"pod/{pod.Metadata.Name}");
            }
        }

        context.Error.WriteLine($"error: unable to drain node \"{node}\" due to error: {error}, continuing command...");
        context.Error.WriteLine("There are pending nodes to be drained:");
        context.Error.WriteLine($" {node}");
        return context.Fail(error);
    }
}
