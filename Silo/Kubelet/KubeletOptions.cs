namespace OrleansKube.Silo.Kubelet;

/// <summary>The kubelet's settings; configuration section <c>OrleansKube:Kubelet</c>.</summary>
public sealed class KubeletOptions
{
    public const string Section = "OrleansKube:Kubelet";

    /// <summary>The node this kubelet registers; the host sets it from <c>--node-name</c>.</summary>
    public string NodeName { get; set; } = "";

    /// <summary>Where pods get their working directories and logs. Default <c>~/.local/share/okube/NODE</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// <c>process</c> (default): each container runs as a child process. <c>simulated</c>: containers only pretend to
    /// run, for tests of the kubelet without processes.
    /// </summary>
    public string Runtime { get; set; } = "process";

    /// <summary>How often the node reports to its node grain. Default 1 s; clamped to at least 100 ms.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>CPU this node offers, as a quantity (<c>2</c>, <c>1500m</c>). Default: the machine's processors.</summary>
    public string? Cpu { get; set; }

    /// <summary>Memory this node offers, as a quantity (<c>4Gi</c>). Default: the machine's memory.</summary>
    public string? Memory { get; set; }

    /// <summary>
    /// Taints the node gets when it first registers, as Kubernetes' kubelet flag: <c>key=value:Effect</c> or
    /// <c>key:Effect</c>, comma-separated. Default none.
    /// </summary>
    public string? RegisterWithTaints { get; set; }

    /// <summary>How many pods this node runs at most. Default 110, as Kubernetes.</summary>
    public int MaxPods { get; set; } = 110;

    /// <summary>First wait before a crashed container is restarted. Default 10 s, as Kubernetes.</summary>
    public TimeSpan BackOffInitial { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between restarts of a crashing container. Default 5 min, as Kubernetes.</summary>
    public TimeSpan BackOffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Size at which a container's log file rotates (one older file is kept). Default 10 MiB.</summary>
    public long MaxLogBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long a silo that stops gracefully gives its pods to stop. Default 30 s.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a status report may take before the kubelet gives up on it and tries again later. Default 5 s.</summary>
    public TimeSpan ReportTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan Heartbeat => HeartbeatInterval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : HeartbeatInterval;
}
