namespace OrleansKube.Model;

/// <summary>Labels, annotations, condition types and reasons with a fixed meaning across the cluster.</summary>
public static class WellKnown
{
    /// <summary>On a node: <c>"true"</c> makes it a simulated node, whose pods run at once without processes (the KWOK idea).</summary>
    public const string SimulatedAnnotation = "okube.io/simulated";

    /// <summary>On a real node: the Orleans address of the silo its kubelet runs in, set by the kubelet.</summary>
    public const string SiloAnnotation = "okube.io/silo";

    /// <summary>The label every node carries with its name.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    public const string ConditionTrue = "True";
    public const string ConditionFalse = "False";
    public const string ConditionUnknown = "Unknown";

    /// <summary>Pod condition: whether the pod has been bound to a node.</summary>
    public const string PodScheduled = "PodScheduled";
    public const string PodInitialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string PodReady = "Ready";

    /// <summary>Node condition: whether the node can run pods.</summary>
    public const string NodeReady = "Ready";

    /// <summary>Reason of <c>PodScheduled=False</c> when no node fits.</summary>
    public const string Unschedulable = "Unschedulable";

    /// <summary>The resource names the scheduler accounts for.</summary>
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Pods = "pods";
}
