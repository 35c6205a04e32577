namespace OrleansKube.Silo.Runtime;

/// <summary>A started container, until it exits.</summary>
public interface IRunningContainer : IAsyncDisposable
{
    /// <summary>The runtime's id of this run, e.g. <c>process://12345</c>; shown as <c>containerID</c>.</summary>
    string Id { get; }

    DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the container's process (and everything it started) has ended.</summary>
    Task<ContainerExit> Exited { get; }

    /// <summary>
    /// Stops the container: SIGTERM, up to <paramref name="gracePeriod"/> to exit, then SIGKILL. Completes when it has
    /// exited.
    /// </summary>
    Task<ContainerExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Runs a command beside the container, with its environment and working directory (exec probes).</summary>
    Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>CPU time used so far and memory in use now; null once exited or where it cannot be read.</summary>
    ContainerUsage? ReadUsage();
}

/// <summary>How a container ended: Kubernetes' reason is <c>Completed</c> (exit 0), <c>Error</c> or <c>OOMKilled</c>.</summary>
public sealed record ContainerExit(int ExitCode, int? Signal, string Reason, DateTimeOffset FinishedAt, string? Message = null);

/// <summary>The outcome of an exec: its exit code and combined output, or that it timed out.</summary>
public sealed record ExecResult(int ExitCode, string Output, bool TimedOut);

/// <summary>Cumulative CPU time and current memory of a container.</summary>
public sealed record ContainerUsage(TimeSpan CpuTime, long MemoryBytes);

/// <summary>A container that could not be started, with Kubernetes' reason (<c>CreateContainerConfigError</c>, <c>StartError</c>).</summary>
public sealed class ContainerStartException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
