namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Runs the containers of this node's pods. The process runtime runs each container's command as a child process;
/// the simulated runtime pretends, for tests of the kubelet without processes.
/// </summary>
public interface IContainerRuntime : IAsyncDisposable
{
    /// <summary>The node's <c>containerRuntimeVersion</c>, e.g. <c>process://1</c>.</summary>
    string Version { get; }

    /// <summary>Whether memory and cpu limits are enforced here, and if not, why (the node reports it as a condition).</summary>
    RuntimeLimits Limits { get; }

    /// <summary>Removes what an earlier run of this node left behind: processes, cgroups. Called once, before any start.</summary>
    Task CleanUpAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a container. Throws <see cref="ContainerStartException"/> when it cannot be started (no command, the
    /// program is not found), with Kubernetes' reason for it.
    /// </summary>
    Task<IRunningContainer> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken);
}

/// <summary>Whether the runtime enforces resource limits; <paramref name="Message"/> says why not when it does not.</summary>
public sealed record RuntimeLimits(bool Enforced, string? Message);
