using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Runtime;

/// <summary>Everything the runtime needs to start one container, resolved by the kubelet.</summary>
public sealed record ContainerLaunch
{
    /// <summary><c>namespace/name</c> of the pod.</summary>
    public required string PodKey { get; init; }
    public required string PodUid { get; init; }
    public required Container Container { get; init; }

    /// <summary>The full environment of the process: the container's <c>env</c> plus <c>PORT</c> and <c>PORT_NAME</c>.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The directory the process starts in; exists when the launch is made.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The file stdout and stderr go to, kept within <see cref="MaxLogBytes"/> (the older part rotates to <c>.1</c>).</summary>
    public required string LogPath { get; init; }

    public long MaxLogBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary><c>resources.limits.memory</c> in bytes, if any.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary><c>resources.limits.cpu</c> in millicores, if any.</summary>
    public long? CpuLimitMillicores { get; init; }
}
