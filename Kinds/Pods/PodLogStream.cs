using System.Text;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Pods;

/// <summary>What a log read asks for (kubectl logs' flags); <see cref="TailLines"/> is null for the whole log.</summary>
public sealed record LogsRequest(string Namespace, string Pod, string? Container, int? TailLines, bool Follow, bool Previous);

/// <summary>
/// Reads a container's log through the node its pod is bound to, for <c>okube logs</c> and the API's <c>pods/log</c>
/// alike. Following reads on from where the last read ended, every <paramref name="pollInterval"/>, until cancelled or
/// the pod is gone or finished.
/// </summary>
public sealed class PodLogStream(IGrainFactory grains, LogsRequest request, TimeSpan pollInterval, TimeProvider clock)
{
    /// <summary>The most one read asks for. An answer this full means more is waiting, and it is read at once.</summary>
    public const int ChunkBytes = 1024 * 1024;

    // A node cuts a chunk on a character boundary, so a full one may be up to three bytes short of the limit.
    private const int FullChunkBytes = ChunkBytes - 3;

    /// <summary>Checks the pod and container before anything is written, then hands each piece of the log to <paramref name="write"/>.</summary>
    public async Task RunAsync(Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
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
            throw new ApiException(ApiErrorReason.BadRequest, $"pod \"{request.Pod}\" is not scheduled yet");
        }

        var node = grains.GetGrain<INodeGrain>(pod.Spec.NodeName);
        var offset = await ReadAvailableAsync(node, read, write, cancellationToken);

        // A previous run's log is complete: there is nothing to follow.
        if (request.Follow && !request.Previous)
        {
            try
            {
                await FollowAsync(podGrain, pod.Metadata.Uid, node, read, offset, write, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelling (Ctrl+C, a client that went) is how following ends.
            }
        }
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
            return names.Contains(wanted) ? wanted : throw new ApiException(ApiErrorReason.BadRequest, $"container {wanted} is not valid for pod {podName}");
        }

        return names.Count switch
        {
            1 => names[0],
            0 => throw new ApiException(ApiErrorReason.BadRequest, $"a container name must be specified for pod {podName}"),
            _ => throw new ApiException(ApiErrorReason.BadRequest, $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', names)}]"),
        };
    }

    private async Task FollowAsync(
        IObjectGrain<Pod> podGrain, string? uid, INodeGrain node, PodLogRequest read, long offset,
        Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(pollInterval, clock, cancellationToken);

            // The pod is read before its log, so a log read after the pod was seen finished holds everything it wrote.
            var pod = await podGrain.GetAsync().WaitAsync(cancellationToken);
            var gone = pod is null || pod.Metadata.Uid != uid;
            try
            {
                offset = await ReadAvailableAsync(node, read with { Offset = offset, TailLines = null }, write, cancellationToken);
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

    /// <summary>Writes what the node has from <paramref name="read"/> on, in as many reads as it takes; returns where to read on from.</summary>
    private static async Task<long> ReadAvailableAsync(
        INodeGrain node, PodLogRequest read, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        while (true)
        {
            var chunk = await node.ReadPodLogsAsync(read).WaitAsync(cancellationToken);
            if (chunk.Text.Length > 0)
            {
                await write(chunk.Text, cancellationToken);
            }

            if (Encoding.UTF8.GetByteCount(chunk.Text) < FullChunkBytes || chunk.NextOffset == read.Offset)
            {
                return chunk.NextOffset;
            }

            read = read with { Offset = chunk.NextOffset, TailLines = null };
        }
    }
}
