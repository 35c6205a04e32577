using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Runs each container's <c>command</c> and <c>args</c> as a child process of the silo: in a PID namespace of its own
/// (so that stopping it, or the silo dying, ends everything it started), in cgroup v1 memory, cpu and cpuacct groups
/// of its own (limits and usage), with stdout and stderr in its log file.
/// </summary>
/// <remarks>
/// <para>The container's environment is exactly <see cref="ContainerLaunch.Environment"/>, nothing of the silo's,
/// except that a container without <c>PATH</c> gets the silo's <c>PATH</c> so that its programs are found.</para>
/// <para>It starts in <see cref="ContainerLaunch.WorkingDirectory"/>: the kubelet resolves the directory (and
/// <see cref="OrleansKube.Model.Pods.Container.WorkingDir"/>) into it, so <c>workingDir</c> is not read here.</para>
/// <para>Images are not pulled or run: a container without a command cannot start.</para>
/// </remarks>
public sealed class ProcessRuntime : IContainerRuntime
{
    private static readonly TimeSpan CleanUpTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private readonly NodeCgroups? _cgroups;
    private readonly PidRecords _records;
    private readonly LaunchChain _chain;
    private readonly ConcurrentDictionary<ProcessContainer, byte> _running = new();
    private volatile bool _disposed;

    public ProcessRuntime(ProcessRuntimeOptions options, ILogger<ProcessRuntime>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        _logger = logger ?? NullLogger<ProcessRuntime>.Instance;
        _records = new PidRecords(Path.Combine(options.StateDirectory, NodeCgroups.Sanitize(options.NodeName)));
        _chain = LaunchChain.Detect();
        _cgroups = NodeCgroups.TryCreate(options.CgroupRoot, options.NodeName, out var cgroupProblem);
        Limits = cgroupProblem is null ? new RuntimeLimits(true, null) : new RuntimeLimits(false, cgroupProblem);
        if (cgroupProblem is not null)
        {
            _logger.LogWarning("Container limits are not enforced: {Problem}", cgroupProblem);
        }

        if (_chain.Problem is not null)
        {
            _logger.LogWarning("Containers are weakly contained: {Problem}", _chain.Problem);
        }
    }

    /// <summary><c>process://1</c>.</summary>
    public string Version => "process://1";

    /// <summary>Enforced where the cgroup v1 memory, cpu and cpuacct controllers are writable; otherwise why not.</summary>
    public RuntimeLimits Limits { get; }

    /// <summary>
    /// Kills every process left in this node's cgroups and every recorded container process that is still the one
    /// recorded (a pid reused by another process is left alone), then removes the cgroups and records.
    /// </summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var recorded = _records.LivePids();
        foreach (var pid in recorded)
        {
            ProcFs.Signal(pid, ProcFs.SigKill);
            if (_chain.Isolation == Isolation.ProcessGroup)
            {
                ProcFs.Signal(-pid, ProcFs.SigKill);
            }
        }

        if (_cgroups is not null
            && !await ContainerCgroup.KillAndRemoveAsync([.. _cgroups.LeftoverDirectories()], CleanUpTimeout).WaitAsync(cancellationToken))
        {
            _logger.LogWarning("Some cgroups left by an earlier run of this node could not be removed");
        }

        var deadline = DateTime.UtcNow + CleanUpTimeout;
        while (_records.LivePids().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        _records.Clear();
        if (recorded.Count > 0)
        {
            _logger.LogInformation("Killed {Count} containers left by an earlier run of this node", recorded.Count);
        }
    }

    public async Task<IRunningContainer> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var spec = launch.Container;
        if (spec.Command.Count == 0)
        {
            throw new ContainerStartException(
                "CreateContainerConfigError",
                $"container \"{spec.Name}\" has no command: the process runtime runs a container's command and args; it does not pull or run images");
        }

        if (!Directory.Exists(launch.WorkingDirectory))
        {
            throw new ContainerStartException("StartError", $"chdir to cwd (\"{launch.WorkingDirectory}\"): no such file or directory");
        }

        var environment = new Dictionary<string, string>(launch.Environment);
        if (!environment.ContainsKey("PATH") && Environment.GetEnvironmentVariable("PATH") is { } siloPath)
        {
            environment["PATH"] = siloPath;
        }

        string[] command = [.. spec.Command, .. spec.Args];
        if (ProgramLookup.Resolve(command[0], environment.GetValueOrDefault("PATH"), launch.WorkingDirectory).Error is { } notFound)
        {
            throw new ContainerStartException("StartError", notFound);
        }

        var cgroup = CreateCgroup(launch);
        ContainerLogWriter? log = null;
        System.Diagnostics.Process process;
        try
        {
            log = new ContainerLogWriter(launch.LogPath, launch.MaxLogBytes);
            process = await ProcessSpawner.StartAsync(_chain.StartInfo(command, environment, launch.WorkingDirectory, [.. cgroup?.ProcsFiles ?? []]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception)
        {
            log?.Dispose();
            cgroup?.TryRemoveNow();
            throw new ContainerStartException("StartError", e.Message);
        }

        // The process runs from here on: nothing below may fail and leave it unwatched.
        var container = new ProcessContainer(process, launch, environment, cgroup, _chain, log, OnExited, _logger);
        _running.TryAdd(container, 0);
        Record(container);
        container.Start();
        if (_disposed)
        {
            // Disposal ran while this one was starting and did not see it.
            container.Kill();
        }

        _logger.LogInformation("Started container {Container} of pod {Pod} as {Id}", spec.Name, launch.PodKey, container.Id);
        return container;
    }

    /// <summary>SIGKILLs every container still running and waits until they are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var container in _running.Keys)
        {
            container.Kill();
        }

        await Task.WhenAll(_running.Keys.Select(c => c.Exited));
        _cgroups?.TryRemoveNodeDirectories();
    }

    private ContainerCgroup? CreateCgroup(ContainerLaunch launch)
    {
        try
        {
            return _cgroups?.Create(launch.PodUid, launch.Container.Name, launch.MemoryLimitBytes, launch.CpuLimitMillicores);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContainerStartException("StartError", $"cannot create the container's cgroups: {e.Message}");
        }
    }

    private void Record(ProcessContainer container)
    {
        try
        {
            if (ProcFs.StartTime(container.Pid) is { } startTime)
            {
                _records.Add(container.Pid, startTime);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not record container {Id}; should the silo crash, its cgroup is still cleaned up", container.Id);
        }
    }

    private void OnExited(ProcessContainer container)
    {
        _records.Remove(container.Pid);
        _running.TryRemove(container, out _);
    }
}
