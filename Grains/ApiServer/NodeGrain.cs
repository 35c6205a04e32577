using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Nodes;

namespace OrleansKube.ApiServer;

/// <summary>
/// A node: its object, kept current by its kubelet (or by its manifest when simulated), and the pods bound to it.
/// Every change is told to the scheduler. Deleting a node deletes its pods, so their owners can replace them.
/// </summary>
public sealed class NodeGrain : ObjectGrain<Node>, INodeGrain
{
    private const int DeleteParallelism = 64;

    // A steady node's status is written this often, to refresh its heartbeat time; any change is written at once.
    private static readonly TimeSpan StatusRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<NodePodsState> _pods;
    private readonly CoalescingWriter _podsWriter;
    private IKubeletObserver? _kubelet;
    private NodeMetrics? _metrics;
    private DateTimeOffset _statusWrittenAt;

    public NodeGrain(
        [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Node>> state,
        [PersistentState("pods", StorageNames.Cluster)] IPersistentState<NodePodsState> pods,
        ILogger<NodeGrain> logger)
        : base(state, logger)
    {
        _pods = pods;
        _podsWriter = new CoalescingWriter(() => _pods.WriteStateAsync());
    }

    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    public async Task AssignPodAsync(Pod pod)
    {
        var key = ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!);
        if (_pods.State.Pods.Add(key))
        {
            await _podsWriter.WriteAsync();
        }

        if (Current is { } node && SimulatedNode.IsSimulated(node))
        {
            await RunSimulatedAsync(pod, node);
        }
        else if (_kubelet is { } kubelet)
        {
            await NotifyAsync(() => kubelet.PodAssignedAsync(pod), "kubelet");
        }
    }

    public async Task ReleasePodAsync(string podKey, string podUid)
    {
        if (_pods.State.Pods.Remove(podKey))
        {
            await _podsWriter.WriteAsync();
        }

        if (_kubelet is { } kubelet)
        {
            await NotifyAsync(() => kubelet.PodReleasedAsync(podKey, podUid), "kubelet");
        }
    }

    public Task<IReadOnlyList<string>> GetPodsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. _pods.State.Pods.Order(StringComparer.Ordinal)]);

    public async Task<NodeHeartbeatResult> HeartbeatAsync(NodeHeartbeat heartbeat)
    {
        _kubelet = heartbeat.Kubelet;
        _metrics = heartbeat.Metrics;
        var now = Clock.GetUtcNow();
        if (Current is not { } stored)
        {
            await CreateAsync(heartbeat.Node);
            _statusWrittenAt = now;
        }
        else
        {
            var merged = NodeStatusReport.Merge(stored, heartbeat.Node);
            if (NodeStatusReport.Changed(stored, merged) || now - _statusWrittenAt >= StatusRefreshInterval)
            {
                await CommitAsync(merged with { Metadata = NextVersion(stored.Metadata) });
                _statusWrittenAt = now;
            }
        }

        return new NodeHeartbeatResult { PodKeys = [.. _pods.State.Pods] };
    }

    public async Task<PodLogChunk> ReadPodLogsAsync(PodLogRequest request)
    {
        var podName = ObjectKey.For(request.Namespace, request.Name);
        if (Current is { } node && SimulatedNode.IsSimulated(node))
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"pod \"{request.Name}\" runs on simulated node \"{ObjectName}\", which keeps no logs");
        }

        var kubelet = _kubelet ?? throw Unavailable(podName);
        try
        {
            return await kubelet.ReadLogsAsync(request);
        }
        catch (Exception exception) when (exception is not ApiException)
        {
            Logger.LogWarning(exception, "Node {Node}: kubelet did not answer for the logs of {Pod}", ObjectName, podName);
            throw Unavailable(podName);
        }
    }

    public Task<NodeMetrics?> GetMetricsAsync() => Task.FromResult(_metrics);

    public async Task MarkUnreachableAsync(string message)
    {
        var node = Current ?? throw ApiException.NotFound(Resources.Nodes, ObjectName);
        if (SimulatedNode.IsSimulated(node) || node.Status?.Conditions.Any(c => c.Type == WellKnown.NodeReady && c.Status == WellKnown.ConditionUnknown) == true)
        {
            return;
        }

        Logger.LogWarning("Node {Node} is unreachable: {Message}", ObjectName, message);
        var unreachable = NodeStatusReport.Unreachable(node, message, Clock.GetUtcNow());
        await CommitAsync(unreachable with { Metadata = NextVersion(node.Metadata) });
        _statusWrittenAt = Clock.GetUtcNow();
    }

    public async Task<int> EvictPodsAsync()
    {
        var failed = 0;
        await Concurrently.ForEachAsync(_pods.State.Pods.ToArray(), DeleteParallelism, async key =>
        {
            var grain = GrainFactory.GetGrain<IPodGrain>(key);
            if (await grain.GetAsync() is not { } pod || PodPhase.IsTerminal(pod.Status?.Phase) || pod.Spec.NodeName != ObjectName)
            {
                return;
            }

            try
            {
                await grain.ReportStatusAsync(pod.Metadata.Uid!, ObjectName, NodeLoss.FailedStatus(pod, ObjectName, Clock.GetUtcNow()));
                Interlocked.Increment(ref failed);
            }
            catch (ApiException exception) when (exception.Reason is ApiErrorReason.NotFound or ApiErrorReason.Conflict)
            {
                // Deleted or ended meanwhile: nothing to fail.
            }
        });
        Logger.LogWarning("Node {Node}: {Count} pods failed with reason {Reason}", ObjectName, failed, NodeLoss.Reason);
        return failed;
    }

    protected override Node WithInitialStatus(Node obj) =>
        SimulatedNode.IsSimulated(obj) ? SimulatedNode.Start(obj, Clock.GetUtcNow()) : obj;

    protected override Node WithSpecFrom(Node stored, Node incoming) =>
        SimulatedNode.IsSimulated(incoming) && stored.Status is { } status
            ? stored.WithSpecOf(incoming) with { Status = SimulatedNode.WithResources(status, incoming.Status) }
            : stored.WithSpecOf(incoming);

    protected override Task OnStoredAsync(Node? previous, Node obj) => NotifyAsync(() => Scheduler.NodeChangedAsync(obj), "scheduler");

    // As Kubernetes' pod garbage collector: pods bound to a node that is gone are deleted, and their owners replace them.
    protected override async Task OnDeletingAsync(Node obj, DeletePropagation propagation)
    {
        await Concurrently.ForEachAsync(_pods.State.Pods.ToArray(), DeleteParallelism, DeletePodAsync);
    }

    protected override async Task OnDeletedAsync(Node obj)
    {
        await _pods.ClearStateAsync();
        await NotifyAsync(() => Scheduler.NodeDeletedAsync(obj.Metadata.Name!), "scheduler");
    }

    private ApiException Unavailable(string podKey) =>
        new(ApiErrorReason.ServiceUnavailable, $"the kubelet of node \"{ObjectName}\" cannot be reached for pod {podKey}");

    private async Task DeletePodAsync(string key)
    {
        var (ns, name) = ObjectKey.Parse(key);
        try
        {
            await GrainFactory.GetObjectGrain<Pod>(ns, name).DeleteAsync(null);
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
        {
            _pods.State.Pods.Remove(key);
        }
    }

    // The pod runs the moment it arrives. The status is written with the bound version; if the pod moved on since, read it again.
    private async Task RunSimulatedAsync(Pod pod, Node node)
    {
        var grain = GrainFactory.GetGrain<IPodGrain>(ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await grain.UpdateStatusAsync(pod with { Status = SimulatedNode.Run(pod, node, Clock.GetUtcNow()) });
                return;
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.Conflict)
            {
                pod = await grain.GetAsync() ?? pod;
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
            {
                return;
            }
        }
    }
}

/// <summary>The persisted keys of the pods bound to a node.</summary>
[GenerateSerializer, Alias("okube.NodePodsState")]
public sealed class NodePodsState
{
    [Id(0)] public HashSet<string> Pods { get; set; } = [];
}
