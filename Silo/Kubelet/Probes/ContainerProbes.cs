using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet.Probes;

/// <summary>
/// The probes of one run of a container. The startup probe goes first and holds the others back until it succeeds;
/// readiness sets whether the container is ready; a failed liveness or startup probe asks for the container to be killed.
/// </summary>
internal sealed class ContainerProbes : IAsyncDisposable
{
    private readonly PodContext _pod;
    private readonly Container _spec;
    private readonly ContainerPorts _ports;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IRunningContainer _container;
    private readonly Action<bool, bool> _stateChanged;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<string> _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loops = Task.CompletedTask;

    public ContainerProbes(PodContext pod, Container spec, ContainerPorts ports, IReadOnlyDictionary<string, string> environment, IRunningContainer container, Action<bool, bool> stateChanged)
    {
        _environment = environment;
        _pod = pod;
        _spec = spec;
        _ports = ports;
        _container = container;
        _stateChanged = stateChanged;
    }

    /// <summary>Without a startup probe a container counts as started as soon as it runs.</summary>
    public bool StartedAtOnce => _spec.StartupProbe is null;

    /// <summary>Without readiness and startup probes a container is ready as soon as it runs.</summary>
    public bool ReadyAtOnce => _spec.ReadinessProbe is null && _spec.StartupProbe is null;

    /// <summary>Completes with the reason (<c>failed liveness probe</c>) when the container must be killed.</summary>
    public Task<string> Killed => _killed.Task;

    public void Start()
    {
        if (StartedAtOnce)
        {
            _started.TrySetResult();
        }

        _loops = Task.WhenAll(
            _spec.StartupProbe is { } startup ? Task.Run(() => StartupAsync(startup)) : Task.CompletedTask,
            _spec.LivenessProbe is { } liveness ? Task.Run(() => LivenessAsync(liveness)) : Task.CompletedTask,
            _spec.ReadinessProbe is { } readiness ? Task.Run(() => ReadinessAsync(readiness)) : Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
        }

        _cancel.Dispose();
    }

    private async Task StartupAsync(Probe probe)
    {
        var tracker = new ProbeTracker(probe, initial: true);
        await foreach (var result in ResultsAsync(probe, "Startup"))
        {
            if (result.Success)
            {
                _started.TrySetResult();
                _stateChanged(true, _spec.ReadinessProbe is null);
                return;
            }

            if (tracker.Record(false))
            {
                _killed.TrySetResult("failed startup probe");
                return;
            }
        }
    }

    private async Task LivenessAsync(Probe probe)
    {
        await _started.Task.WaitAsync(_cancel.Token);
        var tracker = new ProbeTracker(probe, initial: true);
        await foreach (var result in ResultsAsync(probe, "Liveness"))
        {
            if (tracker.Record(result.Success) && !tracker.Healthy)
            {
                _killed.TrySetResult("failed liveness probe");
                return;
            }
        }
    }

    private async Task ReadinessAsync(Probe probe)
    {
        await _started.Task.WaitAsync(_cancel.Token);
        var tracker = new ProbeTracker(probe, initial: false);
        await foreach (var result in ResultsAsync(probe, "Readiness"))
        {
            if (tracker.Record(result.Success))
            {
                _stateChanged(true, tracker.Healthy);
            }
        }
    }

    // Probes after the initial delay, once per period, until cancelled; failures are recorded as Unhealthy events.
    private async IAsyncEnumerable<ProbeResult> ResultsAsync(Probe probe, string kind)
    {
        var token = _cancel.Token;
        await Task.Delay(ProbeTracker.InitialDelay(probe), token);
        while (!token.IsCancellationRequested)
        {
            var result = await _pod.Prober.ProbeAsync(probe, _container, _ports, _environment, token);
            if (!result.Success)
            {
                _pod.Events.Record(_pod.Pod, Event.Warning, "Unhealthy", $"{kind} probe failed: {result.Message}");
            }

            yield return result;
            await Task.Delay(ProbeTracker.Period(probe), token);
        }
    }
}
