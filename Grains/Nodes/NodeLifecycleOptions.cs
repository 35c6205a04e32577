namespace OrleansKube.Nodes;

/// <summary>The node lifecycle controller's settings; configuration section <c>OrleansKube:NodeLifecycle</c>.</summary>
public sealed class NodeLifecycleOptions
{
    public const string Section = "OrleansKube:NodeLifecycle";

    /// <summary>How often nodes are checked. Default 1 s.</summary>
    public TimeSpan MonitorPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a node may go without a heartbeat before it is marked NotReady. Default 5 s (Kubernetes: 40 s); a node
    /// whose silo membership declares dead is marked at once.
    /// </summary>
    public TimeSpan NodeMonitorGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long pods are tolerated on a NotReady node before they are failed and replaced. Default 3 s (Kubernetes: 5 min).</summary>
    public TimeSpan PodEvictionTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
