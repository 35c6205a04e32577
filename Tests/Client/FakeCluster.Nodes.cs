using System.Text;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary>
/// What <see cref="FakeCluster"/>'s nodes serve beyond their objects: container logs a test writes (read by byte offset,
/// last lines and size limit as a kubelet reads its log files), metrics a test sets per node, a kubelet out of reach for
/// a number of reads, and pods whose deletion a kubelet has not confirmed yet.
/// </summary>
internal sealed partial class FakeCluster
{
    private const int DefaultLogLimitBytes = 1024 * 1024;

    private readonly Dictionary<(string Pod, string Container, bool Previous), string> _logs = [];
    private readonly List<LogRead> _logReads = [];
    private readonly Dictionary<string, NodeMetrics> _metrics = [];
    private readonly HashSet<string> _heldPodDeletes = [];
    private readonly Dictionary<(string Kind, string Key), int> _gets = [];
    private int _unavailableLogReads;
    private int _metricsCalls;

    /// <summary>A read of a container log: which node served it, what was asked, and where the answer ended.</summary>
    public sealed record LogRead(string Node, PodLogRequest Request, long NextOffset);

    /// <summary>Every log read served so far, in order; reads refused as unavailable are not among them.</summary>
    public IReadOnlyList<LogRead> LogReads
    {
        get
        {
            lock (_lock)
            {
                return [.. _logReads];
            }
        }
    }

    /// <summary>How many metrics calls the nodes have answered.</summary>
    public int MetricsCalls => Volatile.Read(ref _metricsCalls);

    /// <summary>How many of the reads made unavailable by <see cref="FailNextLogReads"/> are still to come.</summary>
    public int UnavailableLogReadsLeft => Math.Max(0, Volatile.Read(ref _unavailableLogReads));

    /// <summary>Sets the log of a container of the pod <paramref name="podKey"/> (<c>namespace/name</c>), or of its previous run.</summary>
    public void SetLog(string podKey, string container, string text, bool previous = false)
    {
        lock (_lock)
        {
            _logs[(podKey, container, previous)] = text;
        }
    }

    /// <summary>Adds <paramref name="text"/> to the end of a container's log, as a running container writing.</summary>
    public void AppendLog(string podKey, string container, string text)
    {
        lock (_lock)
        {
            _logs[(podKey, container, false)] = _logs.GetValueOrDefault((podKey, container, false), "") + text;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> log reads fail as a node whose kubelet cannot be reached.</summary>
    public void FailNextLogReads(int count) => Volatile.Write(ref _unavailableLogReads, count);

    /// <summary>What the node reports when asked for its metrics; nodes without are unmeasured (simulated, say).</summary>
    public void SetMetrics(string node, NodeMetrics metrics)
    {
        lock (_lock)
        {
            _metrics[node] = metrics;
        }
    }

    /// <summary>Makes deleting these pods mark them terminating instead of removing them, as a kubelet still stopping them.</summary>
    public void HoldPodDeletes(params string[] podKeys)
    {
        lock (_lock)
        {
            _heldPodDeletes.UnionWith(podKeys);
        }
    }

    /// <summary>How many times the object's grain was asked for it.</summary>
    public int Gets(string kind, string key)
    {
        lock (_lock)
        {
            return _gets.GetValueOrDefault((kind, key));
        }
    }

    private void CountGet(string kind, string key)
    {
        lock (_lock)
        {
            _gets[(kind, key)] = _gets.GetValueOrDefault((kind, key)) + 1;
        }
    }

    /// <summary>Deletes the object as its grain would; a held pod only gets its deletion timestamp.</summary>
    private IKubeObject? Delete(string kind, string key)
    {
        lock (_lock)
        {
            if (kind == Pod.KindName && _heldPodDeletes.Contains(key) && Find(kind, key) is Pod pod)
            {
                return pod.Metadata.DeletionTimestamp is not null
                    ? pod
                    : Put(pod with { Metadata = pod.Metadata with { DeletionTimestamp = TestObjects.Now } });
            }

            return Remove(kind, key);
        }
    }

    private IReadOnlyList<string> PodsOn(string node)
    {
        lock (_lock)
        {
            return [.. _objects.Values.OfType<Pod>()
                .Where(pod => pod.Spec.NodeName == node)
                .Select(pod => ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!))
                .Order(StringComparer.Ordinal)];
        }
    }

    private NodeMetrics? MetricsOf(string node)
    {
        Interlocked.Increment(ref _metricsCalls);
        lock (_lock)
        {
            return _metrics.GetValueOrDefault(node);
        }
    }

    private PodLogChunk ReadLog(string node, PodLogRequest request)
    {
        if (Interlocked.Decrement(ref _unavailableLogReads) >= 0)
        {
            throw new ApiException(ApiErrorReason.ServiceUnavailable, $"the kubelet of node \"{node}\" cannot be reached");
        }

        lock (_lock)
        {
            var key = ObjectKey.For(request.Namespace, request.Name);
            if (Find(Pod.KindName, key) is not Pod pod || pod.Spec.NodeName != node)
            {
                throw ApiException.NotFound(Resources.Pods, request.Name);
            }

            var container = request.Container ?? throw new ApiException(ApiErrorReason.BadRequest, "a container name must be specified");
            if (!_logs.TryGetValue((key, container, request.Previous), out var text))
            {
                throw new ApiException(
                    ApiErrorReason.BadRequest,
                    request.Previous
                        ? $"previous terminated container \"{container}\" in pod \"{request.Name}\" not found"
                        : $"container \"{container}\" in pod \"{request.Name}\" is waiting to start: ContainerCreating");
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            var start = (int)(request.Offset ?? (request.TailLines is { } lines ? StartOfLastLines(bytes, lines) : 0));
            var length = Math.Min(request.LimitBytes ?? DefaultLogLimitBytes, bytes.Length - start);
            var chunk = new PodLogChunk { Container = container, Text = Encoding.UTF8.GetString(bytes, start, length), NextOffset = start + length };
            _logReads.Add(new(node, request, chunk.NextOffset));
            return chunk;
        }
    }

    // Where the last `lines` lines begin; a final newline ends the last line rather than starting another.
    private static int StartOfLastLines(byte[] bytes, int lines)
    {
        if (lines <= 0)
        {
            return bytes.Length;
        }

        var end = bytes.Length > 0 && bytes[^1] == '\n' ? bytes.Length - 1 : bytes.Length;
        for (var i = end - 1; i >= 0; i--)
        {
            if (bytes[i] == '\n' && --lines == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
