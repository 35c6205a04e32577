using OrleansKube.Api;
using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet.Probes;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// One container of a pod on this node, from its first start until the pod stops: starts it, restarts it by the pod's
/// restart policy with back-off, probes it, and keeps its <see cref="ContainerStatus"/> current.
/// </summary>
internal sealed partial class ContainerRunner
{
    private const string ConfigError = "CreateContainerConfigError";

    private readonly PodContext _pod;
    private readonly Container _container;
    private readonly ContainerPorts _ports;
    private readonly Action _changed;
    private readonly RestartBackOff _backOff;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _environment;
    private ContainerStatus _status;
    private TimeSpan _stopGrace;
    private Task _loop = Task.CompletedTask;

    public ContainerRunner(PodContext pod, Container container, ContainerPorts ports, Action changed)
    {
        _pod = pod;
        _container = container;
        _ports = ports;
        _changed = changed;
        _backOff = new RestartBackOff(pod.Options.BackOffInitial, pod.Options.BackOffMax);
        _stopGrace = pod.GracePeriod;
        _environment = Environment(pod.Pod, container, ports);
        _status = new ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            State = Waiting("ContainerCreating", null),
            Started = false,
            Ports = ports.Assigned,
        };
        if (pod.Pod.Status?.ContainerStatuses.FirstOrDefault(c => c.Name == container.Name) is { } earlier &&
            (earlier.State?.Running ?? (object?)earlier.State?.Terminated) is not null)
        {
            // Run by an earlier kubelet of this node, which went with its silo and took the container with it: as
            // Kubernetes after a node restart, the next start counts as a restart of a container that was lost.
            _status = _status with
            {
                RestartCount = earlier.RestartCount + 1,
                LastState = earlier.State!.Terminated is { } ended ? new ContainerState { Terminated = ended } : new ContainerState
                {
                    Terminated = new ContainerStateTerminated
                    {
                        ExitCode = 137,
                        Reason = "ContainerStatusUnknown",
                        Message = "The container could not be located when the kubelet started again. The container used to be Running",
                        StartedAt = earlier.State.Running!.StartedAt,
                    },
                },
            };
        }
    }

    public string Name => _container.Name;

    public ContainerStatus Status => Volatile.Read(ref _status);

    /// <summary>The run in progress, if any, for exec and usage.</summary>
    public IRunningContainer? Current { get; private set; }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Stops the container (SIGTERM, <paramref name="grace"/>, SIGKILL) and ends its restarts.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopGrace = grace;
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        // Runs are numbered as restarts are counted, so that a previous run's log is found after a restart of the kubelet too.
        for (var run = Status.RestartCount; !token.IsCancellationRequested; run++)
        {
            var (workingDirectory, logPath) = _pod.Directories.Prepare(_container.Name, run);
            var startedAt = DateTimeOffset.UtcNow;
            ContainerExit exit;
            try
            {
                var container = await _pod.Runtime.StartAsync(Launch(workingDirectory, logPath), token);
                exit = await SuperviseAsync(container, token);
            }
            catch (ContainerStartException exception) when (exception.Reason == ConfigError)
            {
                // The spec cannot change, so neither will the outcome: wait, as Kubernetes does, until the pod goes.
                Update(status => status with { State = Waiting(exception.Reason, exception.Message) });
                _pod.Events.Record(_pod.Pod, Event.Warning, "Failed", $"Error: {exception.Message}");
                await WaitForStopAsync(token);
                return;
            }
            catch (ContainerStartException exception)
            {
                exit = new ContainerExit(128, null, exception.Reason, DateTimeOffset.UtcNow, exception.Message);
                _pod.Events.Record(_pod.Pod, Event.Warning, "Failed", $"Error: {exception.Message}");
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogStartFailed(_pod.Logger, exception, _pod.Key, _container.Name);
                exit = new ContainerExit(128, null, "StartError", DateTimeOffset.UtcNow, exception.Message);
            }

            var terminated = Terminated(exit, startedAt);
            if (token.IsCancellationRequested || !RestartPolicies.ShouldRestart(_pod.Pod.Spec, exit.ExitCode))
            {
                Update(status => status with { State = terminated, Ready = false, Started = false });
                return;
            }

            var delay = _backOff.Next(exit.FinishedAt - startedAt);
            if (delay > TimeSpan.Zero)
            {
                var message = $"back-off {GoDuration.Format(delay)} restarting failed container={_container.Name} pod={_pod.Pod.Metadata.Name}_{_pod.Pod.Metadata.Namespace}({_pod.Uid})";
                Update(status => status with { State = Waiting("CrashLoopBackOff", message), LastState = terminated, Ready = false, Started = false });
                _pod.Events.Record(_pod.Pod, Event.Warning, "BackOff", "Back-off restarting failed container " + _container.Name);
                if (!await DelayAsync(delay, token))
                {
                    Update(status => status with { State = terminated });
                    return;
                }
            }
            else
            {
                Update(status => status with { LastState = terminated });
            }

            Update(status => status with { RestartCount = status.RestartCount + 1 });
        }
    }

    // Runs one start of the container until it exits, is killed for failing its probes, or the pod stops.
    private async Task<ContainerExit> SuperviseAsync(IRunningContainer container, CancellationToken stop)
    {
        Current = container;
        var probes = new ContainerProbes(_pod, _container, _ports, _environment, container, SetProbeState);
        Update(status => status with
        {
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = container.StartedAt } },
            ContainerID = container.Id,
            Started = probes.StartedAtOnce,
            Ready = probes.ReadyAtOnce,
        });
        _pod.Events.Record(_pod.Pod, Event.Normal, "Started", $"Started container {_container.Name}");
        try
        {
            probes.Start();
            var stopped = WaitForStopAsync(stop);
            var first = await Task.WhenAny(container.Exited, probes.Killed, stopped);
            if (first == container.Exited)
            {
                return await container.Exited;
            }

            var grace = first == stopped ? _stopGrace : _pod.GracePeriod;
            _pod.Events.Record(_pod.Pod, Event.Normal, "Killing", first == stopped
                ? $"Stopping container {_container.Name}"
                : $"Container {_container.Name} {await probes.Killed}, will be restarted");
            return await container.StopAsync(grace, CancellationToken.None);
        }
        finally
        {
            await probes.DisposeAsync();
            Current = null;
            await container.DisposeAsync();
        }
    }

    private void SetProbeState(bool started, bool ready) =>
        Update(status => status.State.Running is null ? status : status with { Started = started, Ready = ready });

    // HOSTNAME as Kubernetes sets it, the ports' variables, then the container's env, each able to refer to those before it.
    private static Dictionary<string, string> Environment(Pod pod, Container container, ContainerPorts ports)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOSTNAME"] = pod.Metadata.Name! };
        foreach (var (name, value) in ports.Environment())
        {
            environment[name] = value;
        }

        foreach (var variable in container.Env)
        {
            environment[variable.Name] = VariableExpansion.Expand(variable.Value ?? "", environment);
        }

        return environment;
    }

    private ContainerLaunch Launch(string workingDirectory, string logPath)
    {
        var environment = _environment;
        var container = _container with
        {
            Command = [.. _container.Command.Select(part => VariableExpansion.Expand(part, environment))],
            Args = [.. _container.Args.Select(part => VariableExpansion.Expand(part, environment))],
        };
        var limits = _container.Resources.Limits;
        return new ContainerLaunch
        {
            PodKey = _pod.Key,
            PodUid = _pod.Uid,
            Container = container,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            LogPath = logPath,
            MaxLogBytes = _pod.Options.MaxLogBytes,
            MemoryLimitBytes = limits.TryGetValue(Model.WellKnown.Memory, out var memory) ? memory.WholeValue : null,
            CpuLimitMillicores = limits.TryGetValue(Model.WellKnown.Cpu, out var cpu) ? cpu.MilliValue : null,
        };
    }

    private void Update(Func<ContainerStatus, ContainerStatus> change)
    {
        lock (_stop)
        {
            _status = change(_status);
        }

        _changed();
    }

    private static ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new ContainerStateWaiting { Reason = reason, Message = message } };

    private static ContainerState Terminated(ContainerExit exit, DateTimeOffset startedAt) => new()
    {
        Terminated = new ContainerStateTerminated
        {
            ExitCode = exit.ExitCode,
            Signal = exit.Signal,
            Reason = exit.Reason,
            Message = exit.Message,
            StartedAt = startedAt,
            FinishedAt = exit.FinishedAt,
        },
    };

    private static async Task WaitForStopAsync(CancellationToken stop) => await DelayAsync(Timeout.InfiniteTimeSpan, stop);

    // True when the delay ran out, false when the pod stopped first.
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod}: container {Container} could not be started")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string pod, string container);
}
