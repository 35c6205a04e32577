using System.Diagnostics;
using System.Globalization;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// One run of a container's command, started through the <see cref="LaunchChain"/>: its pid is that of the chain
/// (<c>unshare</c> once started), whose only child is the container's own first process.
/// </summary>
internal sealed class ProcessContainer : IRunningContainer
{
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CgroupRemoveTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ContainerLaunch _launch;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ContainerCgroup? _cgroup;
    private readonly LaunchChain _chain;
    private readonly ContainerLogWriter _log;
    private readonly Action<ProcessContainer> _onExited;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<ContainerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _terminating;

    public ProcessContainer(
        Process process,
        ContainerLaunch launch,
        IReadOnlyDictionary<string, string> environment,
        ContainerCgroup? cgroup,
        LaunchChain chain,
        ContainerLogWriter log,
        Action<ProcessContainer> onExited,
        ILogger logger)
    {
        _process = process;
        _launch = launch;
        _environment = environment;
        _cgroup = cgroup;
        _chain = chain;
        _log = log;
        _onExited = onExited;
        _logger = logger;
        Pid = process.Id;
        Id = $"process://{Pid.ToString(CultureInfo.InvariantCulture)}";
    }

    public int Pid { get; }

    public string Id { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public Task<ContainerExit> Exited => _exited.Task;

    /// <summary>Starts copying output and watching for the exit; separate from construction so the runtime can register the container first.</summary>
    public void Start()
    {
        // Containers do not get the silo's stdin; a closed one reads as end of input.
        _process.StandardInput.Close();
        var stdout = Task.Run(() => _log.PumpAsync(_process.StandardOutput.BaseStream));
        var stderr = Task.Run(() => _log.PumpAsync(_process.StandardError.BaseStream, LaunchChain.IsReraiseFailure));
        _ = WatchAsync(stdout, stderr);
    }

    public async Task<ContainerExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (!Exited.IsCompleted && gracePeriod > TimeSpan.Zero)
        {
            // Task.Delay takes at most 49 days; Kubernetes allows longer grace periods than anyone waits.
            gracePeriod = TimeSpan.FromTicks(Math.Min(gracePeriod.Ticks, TimeSpan.FromDays(30).Ticks));
            if (Interlocked.Exchange(ref _terminating, 1) == 0)
            {
                await TerminateAsync();
            }

            var grace = Task.Delay(gracePeriod, cancellationToken);
            if (await Task.WhenAny(Exited, grace) == grace)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        Kill();
        return await Exited.WaitAsync(cancellationToken);
    }

    public Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Exited.IsCompleted
            ? Task.FromResult(new ExecResult(126, "cannot exec in a stopped container", TimedOut: false))
            : ContainerExec.RunAsync(
                _chain, command, _environment, _launch.WorkingDirectory, [.. _cgroup?.ProcsFiles ?? []], timeout, cancellationToken);

    public ContainerUsage? ReadUsage() =>
        Exited.IsCompleted ? null : _cgroup is not null ? _cgroup.ReadUsage() : ProcFs.TreeUsage(Pid);

    /// <summary>SIGKILLs the chain (and with it the container's PID namespace) and whatever is in its cgroups.</summary>
    public void Kill()
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        if (!HasExited())
        {
            ProcFs.Signal(Pid, ProcFs.SigKill);
        }

        if (_chain.Isolation == Isolation.ProcessGroup)
        {
            ProcFs.Signal(-Pid, ProcFs.SigKill);
        }

        foreach (var pid in _cgroup?.Pids() ?? [])
        {
            ProcFs.Signal(pid, ProcFs.SigKill);
        }
    }

    /// <summary>Kills the container if it still runs and waits for it to be gone.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await Exited;
    }

    /// <summary>
    /// SIGTERM goes to the container's first process, the child of <c>unshare</c>: <c>unshare</c> does not pass signals
    /// on (it blocks SIGTERM while it waits for its command). Right after the start that child may not exist yet.
    /// </summary>
    private async Task TerminateAsync()
    {
        if (_chain.Isolation == Isolation.ProcessGroup)
        {
            ProcFs.Signal(-Pid, ProcFs.SigTerm);
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (!HasExited())
        {
            if (ProcFs.Children(Pid) is [var init, ..])
            {
                ProcFs.Signal(init, ProcFs.SigTerm);
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                // Still in the chain before the command: nothing of the container's own can be asked to stop yet.
                ProcFs.Signal(Pid, ProcFs.SigTerm);
                return;
            }

            await Task.Delay(10);
        }
    }

    private async Task WatchAsync(Task stdout, Task<bool> stderr)
    {
        var code = -1;
        var oomKilled = false;
        var finishedAt = DateTimeOffset.UtcNow;
        try
        {
            await _process.WaitForExitAsync();
            code = _process.ExitCode;
            finishedAt = DateTimeOffset.UtcNow;
            if (_chain.Isolation == Isolation.ProcessGroup)
            {
                ProcFs.Signal(-Pid, ProcFs.SigKill);
            }

            oomKilled = _cgroup?.OomKilled() == true;
            if (_cgroup is not null && !await _cgroup.KillAndRemoveAsync(CgroupRemoveTimeout))
            {
                _logger.LogWarning("Could not remove the cgroups of container {Container} of pod {Pod}", _launch.Container.Name, _launch.PodKey);
            }

            // Normally the output ends with the processes; a process that escaped its group may hold the pipes open.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(OutputDrainTimeout));
            if (code == 1 && stderr.IsCompletedSuccessfully && stderr.Result)
            {
                code = 128 + ProcFs.SigKill;
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Cleaning up after container {Container} of pod {Pod} failed", _launch.Container.Name, _launch.PodKey);
        }
        finally
        {
            _log.Dispose();
            _onExited(this);
            _process.Dispose();
            _exited.TrySetResult(ToExit(code, oomKilled, finishedAt));
        }
    }

    /// <summary>
    /// .NET reports a process ended by a signal as 128 + the signal, and <c>unshare</c> ends by its command's signal; a
    /// command that itself exits with such a code cannot be told apart (shells report both alike too).
    /// </summary>
    private static ContainerExit ToExit(int code, bool oomKilled, DateTimeOffset finishedAt)
    {
        int? signal = code is > 128 and <= 128 + 64 ? code - 128 : null;
        var reason = code == 0 ? "Completed" : oomKilled && signal == ProcFs.SigKill ? "OOMKilled" : "Error";
        return new ContainerExit(code, signal, reason, finishedAt);
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
