using System.Text;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model.Pods;

namespace OrleansKube.Client.Commands;

/// <summary>What <c>okube logs</c> was asked for; <see cref="TailLines"/> is null for the whole log.</summary>
internal sealed record LogsRequest(string Namespace, string Pod, string? Container, int? TailLines, bool Follow, bool Previous);

/// <summary>
/// Reads a container's log through the node its pod is bound to and prints it as it is. Following reads on from where
/// the last read ended, every <see cref="CliContext.PollInterval"/>, until interrupted or the pod is gone or finished.
/// </summary>
internal sealed class PodLogReader(CliContext context, IGrainFactory grains, LogsRequest request)
{
    /// <summary>The most one read asks for. An answer this full means more is waiting, and it is read at once.</summary>
    public const int ChunkBytes = 1024 * 1024;

    // A node cuts a chunk on a character boundary, so a full one may be up to three bytes short of the limit.
    private const int FullChunkBytes = ChunkBytes - 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var podGrain = grains.GetObjectGrain<Pod>(request.Namespace, request.Pod);
        var pod = await podGrain.GetAsync() ?? throw ApiException.NotFound(Resources.Pods, request.Pod);
        var read = new PodLogRequest
        {
            Namespace = request.Namespace,
            Name = request.Pod,
            Container = ContainerOf(pod, request.Container),
            TailLines = request.TailLines,
            Previous = request.Previous,
            LimitBytes = ChunkBytes,
        };

        if (string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            throw new CommandException($"pod \"{request.Pod}\" is not scheduled yet");
        }

        var node = grains.GetGrain<INodeGrain>(pod.Spec.NodeName);
        var offset = await ReadAvailableAsync(node, read, cancellationToken);

        // A previous run's log is complete: there is nothing to follow.
        if (request.Follow && !request.Previous)
        {
            try
            {
                await FollowAsync(podGrain, pod.Metadata.Uid, node, read, offset, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how following ends.
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The container a log is read from: the one named, else the pod's only one. Refused in the API server's words
    /// when the name is not the pod's, or left out for a pod of several containers.
    /// </summary>
    public static string ContainerOf(Pod pod, string? wanted)
    {
        var names = pod.Spec.Containers.Select(c => c.Name).ToList();
        var podName = pod.Metadata.Name;
        if (!string.IsNullOrEmpty(wanted))
        {
            return names.Contains(wanted) ? wanted : throw new CommandException($"container {wanted} is not valid for pod {podName}");
        }

        return names.Count switch
        {
            1 => names[0],
            0 => throw new CommandException($"a container name must be specified for pod {podName}"),
            _ => throw new CommandException($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', names)}]"),
        };
    }

    private async Task FollowAsync(
        IObjectGrain<Pod> podGrain, string? uid, INodeGrain node, PodLogRequest read, long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(context.PollInterval, context.Clock, cancellationToken);

            // The pod is read before its log, so a log read after the pod was seen finished holds everything it wrote.
            var pod = await podGrain.GetAsync().WaitAsync(cancellationToken);
            var gone = pod is null || pod.Metadata.Uid != uid;
            try
            {
                offset = await ReadAvailableAsync(node, read with { Offset = offset, TailLines = null }, cancellationToken);
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.ServiceUnavailable && !gone)
            {
                // The node's kubelet is out of reach for now (its silo restarting, say); the next round tries again.
                continue;
            }
            catch (ApiException) when (gone)
            {
                // A deleted pod's log goes with it.
                return;
            }

            if (gone || PodPhase.IsTerminal(pod!.Status?.Phase))
            {
                return;
            }
        }
    }

    /// <summary>Prints what the node has from <paramref name="read"/> on, in as many reads as it takes; returns where to read on from.</summary>
    private async Task<long> ReadAvailableAsync(INodeGrain node, PodLogRequest read, CancellationToken cancellationToken)
    {
        while (true)
        {
            var chunk = await node.ReadPodLogsAsync(read).WaitAsync(cancellationToken);
            if (chunk.Text.Length > 0)
            {
                await context.Out.WriteAsync(chunk.Text);
                await context.Out.FlushAsync(cancellationToken);
            }

            if (Encoding.UTF8.GetByteCount(chunk.Text) < FullChunkBytes || chunk.NextOffset == read.Offset)
            {
                return chunk.NextOffset;
            }

            read = read with { Offset = chunk.NextOffset, TailLines = null };
        }
    }
}
