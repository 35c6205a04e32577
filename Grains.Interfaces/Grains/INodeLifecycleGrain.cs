using Orleans.Concurrency;

namespace OrleansKube.Grains;

/// <summary>
/// The node lifecycle controller, one per cluster (key 0). Kubelets heartbeat to it directly; a node whose heartbeats
/// stop, or whose silo Orleans membership declares dead, is marked NotReady, and after a toleration its pods are failed
/// (<c>NodeLost</c>) so their owners replace them on live nodes.
/// </summary>
[Alias("okube.INodeLifecycleGrain")]
public interface INodeLifecycleGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one controller.</summary>
    public const long Key = 0;

    /// <summary>The kubelet of <paramref name="nodeName"/>, running in silo <paramref name="siloAddress"/>, is alive.</summary>
    [OneWay, AlwaysInterleave, Alias("Heartbeat")]
    Task HeartbeatAsync(string nodeName, string siloAddress);
}
