using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansKube.Api;
using OrleansKube.ApiServer;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Scheduling;

/// <summary>
/// The cluster's scheduler. Decisions are made in memory against the node cache and counted there at once
/// ("assumed"), so the next pod already sees them; the binds then run concurrently. A bind that fails is undone
/// and the pod retried after a back-off. The cache is filled from the cluster on activation and re-read
/// periodically; between re-reads, pods and nodes tell the scheduler what changed.
/// </summary>
[Reentrant]
public sealed class SchedulerGrain : Grain, ISchedulerGrain
{
    private const int PodsBetweenYields = 64;
    private const int MaxAssignsAtOnce = 64;
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(500);

    private readonly SchedulerOptions _options;
    private readonly SchedulingAlgorithm _algorithm;
    private readonly SchedulingQueue _queue;
    private readonly ILogger<SchedulerGrain> _logger;
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _schedulable = [];
    private readonly HashSet<NodeInfo> _listed = [];
    private readonly Dictionary<string, Placement> _placed = new(StringComparer.Ordinal);
    private int _bindsInFlight;
    private long _bound;
    private bool _pumping;
    private TaskCompletionSource? _bindSlot;

    public SchedulerGrain(IOptions<SchedulerOptions> options, ILogger<SchedulerGrain> logger)
    {
        _options = options.Value.Clamped();
        _algorithm = new SchedulingAlgorithm(_options);
        _queue = new SchedulingQueue(_options.InitialBackoff, _options.MaxBackoff);
        _logger = logger;
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { Interleave = true, KeepAlive = true });
        this.RegisterGrainTimer(ResyncAsync, new GrainTimerCreationOptions(_options.ResyncPeriod, _options.ResyncPeriod) { Interleave = true, KeepAlive = true });
        await ResyncAsync(cancellationToken);
    }

    public Task EnqueueAsync(Pod pod)
    {
        Admit(SchedulingPod.From(pod), SchedulingPod.IsBound(pod) ? pod.Spec.NodeName : null);
        Kick();
        return Task.CompletedTask;
    }

    public Task PodDeletedAsync(Pod pod)
    {
        var key = ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!);
        _queue.Remove(key);
        if (_placed.TryGetValue(key, out var placement) && placement.Pod.Uid == pod.Metadata.Uid)
        {
            if (placement.Binding)
            {
                placement.Deleted = true;
            }
            else
            {
                Release(placement);
            }
        }

        return Task.CompletedTask;
    }

    public Task NodeChangedAsync(Node node)
    {
        Refresh(node);
        WakeWaiting();
        return Task.CompletedTask;
    }

    public Task NodeDeletedAsync(string nodeName)
    {
        if (_nodes.Remove(nodeName, out var info) && _listed.Remove(info))
        {
            _schedulable.Remove(info);
        }

        return Task.CompletedTask;
    }

    public Task<SchedulerStatistics> GetStatisticsAsync() =>
        Task.FromResult(new SchedulerStatistics(_schedulable.Count, _queue.QueuedCount, _queue.WaitingCount, _bound, _bindsInFlight));

    /// <summary>Takes a pod into account: a bound pod's requests are counted on its node; any other pod is queued.</summary>
    private void Admit(SchedulingPod pod, string? boundNode)
    {
        if (_placed.TryGetValue(pod.Key, out var placed))
        {
            if (placed.Pod.Uid == pod.Uid)
            {
                return;
            }

            Release(placed);
        }

        if (boundNode is null)
        {
            _queue.Add(pod);
            return;
        }

        var node = NodeNamed(boundNode);
        node.Add(pod);
        _placed[pod.Key] = new Placement(pod, node);
        _queue.Remove(pod.Key);
    }

    private void Kick()
    {
        if (!_pumping && _queue.QueuedCount > 0)
        {
            _pumping = true;
            _ = PumpAsync();
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            var sinceYield = 0;
            while (_queue.TryPop(out var pod))
            {
                while (_bindsInFlight >= _options.MaxBindsInFlight)
                {
                    _bindSlot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await _bindSlot.Task;
                }

                if (_placed.TryGetValue(pod.Key, out var placed) && placed.Pod.Uid == pod.Uid)
                {
                    continue;
                }

                ScheduleOne(pod);
                if (++sinceYield == PodsBetweenYields)
                {
                    // Let pods, nodes and bind results that arrived meanwhile be handled.
                    sinceYield = 0;
                    await Task.Yield();
                }
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Scheduling loop failed; it restarts with the next change");
        }
        finally
        {
            _pumping = false;
        }
    }

    private void ScheduleOne(SchedulingPod pod)
    {
        var result = _algorithm.Schedule(pod, _schedulable);
        if (result.Node is not { } node)
        {
            if (_queue.Park(pod, result.FailureMessage, waitForChange: true, Now))
            {
                _logger.LogInformation("Pod {Pod} is unschedulable: {Message}", pod.Key, result.FailureMessage);
                _ = Tell(GrainFactory.GetGrain<IPodGrain>(pod.Key).MarkUnschedulableAsync(pod.Uid, result.FailureMessage!), pod.Key);
            }

            return;
        }

        node.Add(pod);
        var placement = new Placement(pod, node) { Binding = true };
        _placed[pod.Key] = placement;
        _bindsInFlight++;
        _ = BindAsync(placement);
    }

    private async Task BindAsync(Placement placement)
    {
        var (pod, node) = (placement.Pod, placement.Node);
        Pod? bound = null;
        try
        {
            bound = await GrainFactory.GetGrain<IPodGrain>(pod.Key).BindAsync(new PodBinding(node.Name, pod.Uid));
            placement.Binding = false;
            if (placement.Deleted)
            {
                Release(placement);
                bound = null;
            }
            else
            {
                _bound++;
            }
        }
        catch (ApiException exception) when (exception.Reason is ApiErrorReason.NotFound or ApiErrorReason.Conflict)
        {
            // The pod is gone, replaced, or being deleted: nothing to retry.
            placement.Binding = false;
            Release(placement);
        }
        catch (Exception exception)
        {
            placement.Binding = false;
            Release(placement);
            if (!placement.Deleted)
            {
                _logger.LogWarning(exception, "Binding pod {Pod} to {Node} failed; retrying after back-off", pod.Key, node.Name);
                _queue.Park(pod, message: null, waitForChange: false, Now);
            }
        }
        finally
        {
            _bindsInFlight--;
            _bindSlot?.TrySetResult();
        }

        if (bound is not null)
        {
            await Tell(GrainFactory.GetGrain<INodeGrain>(node.Name).AssignPodAsync(bound), pod.Key);
        }
    }

    private void Release(Placement placement)
    {
        if (_placed.TryGetValue(placement.Pod.Key, out var current) && ReferenceEquals(current, placement))
        {
            _placed.Remove(placement.Pod.Key);
            placement.Node.Remove(placement.Pod);
            WakeWaiting();
        }
    }

    private void WakeWaiting()
    {
        _queue.Wake();
        if (_queue.MoveEligible(Now) > 0)
        {
            Kick();
        }
    }

    private Task TickAsync(CancellationToken cancellationToken)
    {
        if (_queue.MoveEligible(Now) > 0)
        {
            Kick();
        }

        return Task.CompletedTask;
    }

    /// <summary>Re-reads every node and pod: adds what was missed, forgets what is gone. Level-triggered, so running it twice does no harm.</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var cluster = GrainFactory.GetGrain<IClusterGrain>(IClusterGrain.Key);
        var nodes = (await cluster.ListAsync(Node.KindName, null)).Items.Cast<Node>().ToList();
        foreach (var node in nodes)
        {
            Refresh(node);
        }

        var names = nodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _schedulable.Where(info => !names.Contains(info.Name)).ToList())
        {
            await NodeDeletedAsync(gone.Name);
        }

        var namespaces = (await cluster.ListAsync(Namespace.KindName, null)).Items;
        var lists = await Task.WhenAll(namespaces.Select(ns => GrainFactory.GetGrain<INamespaceGrain>(ns.Metadata.Name!).ListAsync(Pod.KindName, null)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unstarted = new List<Pod>();
        foreach (var pod in lists.SelectMany(list => list.Items).Cast<Pod>())
        {
            var schedulingPod = SchedulingPod.From(pod);
            seen.Add(schedulingPod.Key);
            if (SchedulingPod.IsBound(pod) || !_queue.Contains(schedulingPod.Key))
            {
                Admit(schedulingPod, SchedulingPod.IsBound(pod) ? pod.Spec.NodeName : null);
            }

            if (IsUnstarted(pod))
            {
                unstarted.Add(pod);
            }
        }

        foreach (var stale in _placed.Values.Where(p => !p.Binding && !seen.Contains(p.Pod.Key)).ToList())
        {
            Release(stale);
        }

        // A bound pod whose node never heard of it (the node's silo died as it was told) is handed to the node again;
        // taking a pod is idempotent for a node.
        await Concurrently.ForEachAsync(unstarted, MaxAssignsAtOnce, pod =>
            Tell(GrainFactory.GetGrain<INodeGrain>(pod.Spec.NodeName!).AssignPodAsync(pod), $"{pod.Metadata.Namespace}/{pod.Metadata.Name}"));

        Kick();
    }

    // Bound at least a resync period ago, and still no container reported: the node most likely never got it.
    private bool IsUnstarted(Pod pod) =>
        SchedulingPod.IsBound(pod) && pod.Status is { Phase: PodPhase.Pending, ContainerStatuses.IsEmpty: true } &&
        pod.Status.Conditions.FirstOrDefault(c => c.Type == WellKnown.PodScheduled)?.LastTransitionTime is { } boundAt &&
        Now - boundAt >= _options.ResyncPeriod;

    private void Refresh(Node node)
    {
        var info = NodeNamed(node.Metadata.Name!);
        info.Update(node);
        if (_listed.Add(info))
        {
            _schedulable.Add(info);
        }
    }

    // A node a bound pod names may not be known yet: its requests are counted all the same, and it joins the
    // schedulable nodes when its own object arrives.
    private NodeInfo NodeNamed(string name)
    {
        if (!_nodes.TryGetValue(name, out var info))
        {
            info = new NodeInfo(name);
            _nodes[name] = info;
        }

        return info;
    }

    private async Task Tell(Task call, string pod)
    {
        try
        {
            await call;
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Scheduler could not complete a call for pod {Pod}", pod);
        }
    }

    /// <summary>A pod counted on a node: while <see cref="Binding"/>, assumed; after, bound.</summary>
    private sealed class Placement(SchedulingPod pod, NodeInfo node)
    {
        public SchedulingPod Pod { get; } = pod;
        public NodeInfo Node { get; } = node;
        public bool Binding { get; set; }
        public bool Deleted { get; set; }
    }
}
