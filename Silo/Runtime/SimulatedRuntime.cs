using System.Collections.Concurrent;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Pretends to run containers, for tests of the kubelet and for scale tests without processes (as KWOK does): a
/// container "runs" from its start until it is stopped, or until a test ends it with <see cref="SimulatedContainer.Exit"/>.
/// </summary>
public sealed class SimulatedRuntime : IContainerRuntime
{
    private readonly ConcurrentQueue<SimulatedContainer> _started = new();
    private int _sequence;

    /// <summary><c>simulated://1</c>.</summary>
    public string Version => "simulated://1";

    /// <summary>Never enforced: nothing runs.</summary>
    public RuntimeLimits Limits { get; } = new(false, "the simulated runtime runs no processes, so it enforces no limits");

    /// <summary>Every container started so far, in order, running or not.</summary>
    public IReadOnlyList<SimulatedContainer> Containers => [.. _started];

    /// <summary>What an exec returns; by default success with no output.</summary>
    public Func<SimulatedContainer, IReadOnlyList<string>, ExecResult> Exec { get; set; } = (_, _) => new ExecResult(0, "", TimedOut: false);

    public Task CleanUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts at once; refuses a container without a command, as the process runtime does.</summary>
    public Task<IRunningContainer> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (launch.Container.Command.Count == 0)
        {
            throw new ContainerStartException(
                "CreateContainerConfigError",
                $"container \"{launch.Container.Name}\" has no command: the simulated runtime, like the process runtime, runs a container's command and args, not images");
        }

        var container = new SimulatedContainer(this, launch, Interlocked.Increment(ref _sequence));
        _started.Enqueue(container);
        return Task.FromResult<IRunningContainer>(container);
    }

    /// <summary>Ends every container still "running", as stopped.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var container in _started)
        {
            container.Exit(0);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A container of the <see cref="SimulatedRuntime"/>.</summary>
public sealed class SimulatedContainer : IRunningContainer
{
    private readonly SimulatedRuntime _runtime;
    private readonly TaskCompletionSource<ContainerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SimulatedContainer(SimulatedRuntime runtime, ContainerLaunch launch, int sequence)
    {
        _runtime = runtime;
        Launch = launch;
        Id = $"simulated://{sequence}";
    }

    /// <summary>What the container was started with.</summary>
    public ContainerLaunch Launch { get; }

    public string Id { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public Task<ContainerExit> Exited => _exited.Task;

    /// <summary>
    /// Ends the container with <paramref name="exitCode"/> (reason <c>Completed</c> for 0, else <c>Error</c>; codes above
    /// 128 count as that signal); does nothing once it has ended.
    /// </summary>
    public void Exit(int exitCode) =>
        _exited.TrySetResult(new ContainerExit(
            exitCode,
            exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null,
            exitCode == 0 ? "Completed" : "Error",
            DateTimeOffset.UtcNow));

    /// <summary>Ends at once with exit code 0, as a program that handles SIGTERM would; the grace period is not waited.</summary>
    public Task<ContainerExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        Exit(0);
        return Exited;
    }

    public Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(Exited.IsCompleted
            ? new ExecResult(126, "cannot exec in a stopped container", TimedOut: false)
            : _runtime.Exec(this, command));

    /// <summary>Zero CPU and memory while "running"; null once ended.</summary>
    public ContainerUsage? ReadUsage() => Exited.IsCompleted ? null : new ContainerUsage(TimeSpan.Zero, 0);

    /// <summary>Ends the container as stopped if it still runs.</summary>
    public ValueTask DisposeAsync()
    {
        Exit(0);
        return ValueTask.CompletedTask;
    }
}
