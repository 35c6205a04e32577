using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet.Probes;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// The kubelet of this silo's node. It registers the node and heartbeats to its node grain, runs the pods bound to the
/// node through the container runtime, and reports their status. Everything a running pod needs is local, so pods run
/// on, restart by their policy and keep their logs while the control plane is away; reports wait until it returns.
/// </summary>
public sealed partial class Kubelet : ILifecycleParticipant<ISiloLifecycle>, IKubeletObserver
{
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly KubeletOptions _options;
    private readonly IContainerRuntime _runtime;
    private readonly ILogger<Kubelet> _logger;
    private readonly ConcurrentDictionary<string, PodWorker> _pods = new();
    private readonly ConcurrentDictionary<string, Task> _stopping = new();
    private readonly PortAllocator _ports = new();
    private readonly UsageSampler _usage = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
    private readonly NodeReport _report;
    private readonly StatusReporter _reporter;
    private readonly Prober _prober;
    private readonly PodEvents _events;
    private IKubeletObserver? _reference;
    private Task _loops = Task.CompletedTask;
    private volatile bool _shuttingDown;
    private bool _heartbeatFailing;

    public Kubelet(IGrainFactory grains, ILocalSiloDetails silo, IOptions<KubeletOptions> options, NodeIdentity identity, IContainerRuntime runtime, ILogger<Kubelet> logger)
    {
        _grains = grains;
        _silo = silo;
        _options = options.Value;
        NodeName = identity.NodeName;
        DataDirectory = identity.DataDirectory;
        _runtime = runtime;
        _logger = logger;
        _report = new NodeReport(NodeName, _options, runtime, silo.SiloAddress.Endpoint.Address, silo.SiloAddress.ToParsableString());
        _reporter = new StatusReporter(grains, NodeName, _options.ReportTimeout, StopIfRunningAsync, logger);
        _prober = new Prober(_http);
        _events = new PodEvents(grains, NodeName);
    }

    /// <summary>The node's name: configured, or else the silo's name made a valid DNS label.</summary>
    public string NodeName { get; }

    /// <summary>The data directory: pods' working directories and logs.</summary>
    public string DataDirectory { get; }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(Kubelet), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public Task PodAssignedAsync(Pod pod)
    {
        Run(pod);
        return Task.CompletedTask;
    }

    public Task PodReleasedAsync(string podKey, string podUid) => StopIfRunningAsync(podKey, podUid);

    public Task<PodLogChunk> ReadLogsAsync(PodLogRequest request) =>
        Task.FromResult(PodLogs.Read(_pods.GetValueOrDefault(ObjectKey.For(request.Namespace, request.Name)), request, NodeName));

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        await _runtime.CleanUpAsync(cancellationToken);
        DeleteLeftovers();
        _reference = _grains.CreateObjectReference<IKubeletObserver>(this);
        LogStarted(_logger, NodeName, _runtime.Version, _runtime.Limits.Enforced, DataDirectory);
        _loops = Task.WhenAll(Task.Run(() => HeartbeatLoopAsync(_cancel.Token)), Task.Run(() => _reporter.RunAsync(_cancel.Token)));
    }

    // A silo that stops gracefully: the node goes NotReady so nothing new lands here, its pods are stopped and end as
    // Failed (as Kubernetes' graceful node shutdown), so their owners replace them on other nodes. A silo stopped in a
    // hurry (its token already cancelled) only kills its containers, like a crash: the lifecycle controller does the rest.
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        if (!cancellationToken.IsCancellationRequested)
        {
            await HeartbeatOnceAsync();
            var grace = _options.ShutdownGracePeriod;
            await Task.WhenAll(_pods.Values.ToArray().Select(worker => StopForShutdownAsync(worker, grace)));
            await Task.WhenAll(_stopping.Values);
        }

        await _cancel.CancelAsync();
        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
        }

        if (_reference is not null)
        {
            _grains.DeleteObjectReference<IKubeletObserver>(_reference);
        }

        await _runtime.DisposeAsync();
        _http.Dispose();
    }

    private async Task StopForShutdownAsync(PodWorker worker, TimeSpan grace)
    {
        await worker.StopAsync(worker.GracePeriod < grace ? worker.GracePeriod : grace, _ports);
        _pods.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker));
        var status = worker.Status with
        {
            Phase = PodPhase.Failed,
            Reason = "Terminated",
            Message = "Pod was terminated in response to imminent node shutdown.",
        };
        try
        {
            await _grains.GetGrain<IPodGrain>(worker.Key).ReportStatusAsync(worker.Uid, NodeName, status).WaitAsync(_options.ReportTimeout);
        }
        catch (Exception exception)
        {
            LogShutdownReportFailed(_logger, exception, worker.Key);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await HeartbeatOnceAsync();
            try
            {
                await Task.Delay(_options.Heartbeat, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HeartbeatOnceAsync()
    {
        var heartbeat = new NodeHeartbeat
        {
            Node = _report.Build(DateTimeOffset.UtcNow, _shuttingDown),
            SiloAddress = _silo.SiloAddress.ToParsableString(),
            Kubelet = _reference,
            Metrics = _usage.Sample(_pods.Values),
        };
        try
        {
            // Straight to the lifecycle controller as well: a node grain caught on a dying silo must not make this node look dead.
            await _grains.GetGrain<INodeLifecycleGrain>(INodeLifecycleGrain.Key).HeartbeatAsync(NodeName, heartbeat.SiloAddress).WaitAsync(_options.ReportTimeout);
            var result = await _grains.GetGrain<INodeGrain>(NodeName).HeartbeatAsync(heartbeat).WaitAsync(_options.ReportTimeout);
            if (_heartbeatFailing)
            {
                LogHeartbeatRestored(_logger, NodeName);
                _heartbeatFailing = false;
            }

            if (!_shuttingDown)
            {
                await SyncAsync(result.PodKeys);
            }
        }
        catch (Exception exception)
        {
            if (!_heartbeatFailing)
            {
                LogHeartbeatFailed(_logger, exception, NodeName, _pods.Count);
                _heartbeatFailing = true;
            }
        }
    }

    // Level-triggered repair of lost messages: pods bound here that do not run are started; pods that run but the node
    // does not list are checked with their pod grain (a rejected report stops them) and listed again.
    private async Task SyncAsync(IReadOnlyList<string> podKeys)
    {
        var bound = podKeys.ToHashSet(StringComparer.Ordinal);
        foreach (var key in bound.Where(key => !_pods.ContainsKey(key) && !_stopping.ContainsKey(key)))
        {
            var pod = await _grains.GetGrain<IPodGrain>(key).GetAsync().WaitAsync(_options.ReportTimeout);
            if (pod is not null && pod.Spec.NodeName == NodeName)
            {
                Run(pod);
            }
        }

        foreach (var worker in _pods.Values.Where(worker => !bound.Contains(worker.Key)))
        {
            _reporter.Report(worker.Key, worker.Uid, worker.Status);
            await _grains.GetGrain<INodeGrain>(NodeName).AssignPodAsync(worker.Pod).WaitAsync(_options.ReportTimeout);
        }
    }

    private void Run(Pod pod)
    {
        var key = ObjectKey.For(pod.Metadata.Namespace, pod.Metadata.Name!);
        if (_shuttingDown || PodPhase.IsTerminal(pod.Status?.Phase) || pod.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        PodWorker worker;
        lock (_gate)
        {
            if (_pods.TryGetValue(key, out var existing))
            {
                if (existing.Uid == pod.Metadata.Uid)
                {
                    return;
                }

                // The name now belongs to a new pod: the old one was deleted and its release has not arrived yet.
                Stop(existing, TimeSpan.Zero);
            }

            var directories = new PodDirectories(DataDirectory, pod.Metadata.Namespace!, pod.Metadata.Name!, pod.Metadata.Uid!);
            var context = new PodContext(pod, directories, _runtime, _prober, _options, _events, _logger);
            worker = new PodWorker(context, _ports, _report.HostIP, changed => _reporter.Report(changed.Key, changed.Uid, changed.Status));
            _pods[key] = worker;
        }

        LogPodStarting(_logger, key, NodeName);
        worker.Start();
    }

    private void Stop(PodWorker worker, TimeSpan grace)
    {
        lock (_gate)
        {
            if (!_pods.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker)))
            {
                return;
            }

            _reporter.Forget(worker.Key, worker.Uid);
            _stopping[worker.Key] = StopInBackgroundAsync(worker, grace);
        }
    }

    private async Task StopInBackgroundAsync(PodWorker worker, TimeSpan grace)
    {
        await Task.Yield();
        try
        {
            await worker.StopAsync(grace, _ports);
            LogPodStopped(_logger, worker.Key, NodeName);
        }
        finally
        {
            _stopping.TryRemove(worker.Key, out _);
        }
    }

    // A pod deleted, or refused by its pod grain: stopped with its grace period, if it is still the one running here.
    private Task StopIfRunningAsync(string podKey, string podUid)
    {
        if (_pods.TryGetValue(podKey, out var worker) && worker.Uid == podUid)
        {
            Stop(worker, worker.GracePeriod);
        }

        return Task.CompletedTask;
    }

    // Pod directories of an earlier run of this node: their processes are gone (the runtime cleaned up), so are they.
    private void DeleteLeftovers()
    {
        foreach (var sub in new[] { "pods", "logs" })
        {
            var directory = Path.Combine(DataDirectory, sub);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet of node {Node} started: runtime {Runtime}, limits enforced {Limits}, data in {Directory}")]
    private static partial void LogStarted(ILogger logger, string node, string runtime, bool limits, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} starting on node {Node}")]
    private static partial void LogPodStarting(ILogger logger, string pod, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} stopped on node {Node}")]
    private static partial void LogPodStopped(ILogger logger, string pod, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} cannot reach its node grain; its {Pods} pods keep running")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string node, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} reaches its node grain again")]
    private static partial void LogHeartbeatRestored(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} stopped for shutdown; its status could not be reported")]
    private static partial void LogShutdownReportFailed(ILogger logger, Exception exception, string pod);
}
