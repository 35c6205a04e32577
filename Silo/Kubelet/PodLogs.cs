using OrleansKube.Api;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>Answers <c>okube logs</c> from the log files of a pod on this node, with kubectl's errors.</summary>
internal static class PodLogs
{
    private const int DefaultLimitBytes = 1024 * 1024;

    public static PodLogChunk Read(PodWorker? worker, PodLogRequest request, string nodeName)
    {
        if (worker is null)
        {
            throw new ApiException(ApiErrorReason.NotFound, $"pod \"{request.Name}\" in namespace \"{request.Namespace}\" does not run on node \"{nodeName}\"");
        }

        var names = worker.ContainerNames;
        var container = request.Container
            ?? (names.Count == 1
                ? names[0]
                : throw new ApiException(ApiErrorReason.BadRequest, $"a container name must be specified for pod {request.Name}, choose one of: [{string.Join(' ', names)}]"));
        if (!names.Contains(container))
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"container {container} is not valid for pod {request.Name}");
        }

        var path = worker.LogPath(container, request.Previous);
        if (path is null || !File.Exists(path))
        {
            var waiting = worker.Status.ContainerStatuses.FirstOrDefault(c => c.Name == container)?.State.Waiting?.Reason ?? "ContainerCreating";
            throw new ApiException(ApiErrorReason.BadRequest, request.Previous
                ? $"previous terminated container \"{container}\" in pod \"{request.Name}\" not found"
                : $"container \"{container}\" in pod \"{request.Name}\" is waiting to start: {waiting}");
        }

        var limit = request.LimitBytes ?? DefaultLimitBytes;
        if (request.Offset is { } offset)
        {
            var chunk = ContainerLogFile.ReadFrom(path, offset, limit);
            return new PodLogChunk { Container = container, Text = chunk.Text, NextOffset = chunk.NextOffset };
        }

        // Following goes on from the length before the tail was read: a line written meanwhile may show twice, never not at all.
        var length = new FileInfo(path).Length;
        return new PodLogChunk { Container = container, Text = ContainerLogFile.ReadTail(path, request.TailLines, limit), NextOffset = length };
    }
}
