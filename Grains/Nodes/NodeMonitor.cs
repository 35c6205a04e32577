namespace OrleansKube.Nodes;

/// <summary>What the node lifecycle controller does to a node.</summary>
public enum NodeActionKind
{
    /// <summary>Set the node's Ready condition to Unknown.</summary>
    MarkUnreachable,

    /// <summary>Fail the node's pods with reason NodeLost.</summary>
    EvictPods,
}

/// <summary>What Orleans membership says of the silo a node's kubelet runs in.</summary>
public enum SiloFate
{
    /// <summary>Alive, or not known to membership: the heartbeats decide.</summary>
    Alive,

    /// <summary>Declared dead, and older than every active silo: it may be from before a restart of the whole cluster.</summary>
    Dead,

    /// <summary>Declared dead, and started after some silo that is still active: it died while this cluster ran.</summary>
    DiedInThisRun,
}

/// <summary>One step the controller takes, with the message it records.</summary>
public sealed record NodeAction(NodeActionKind Kind, string Node, string Message);

/// <summary>
/// The node lifecycle controller's bookkeeping, without grains: when each real node last heartbeat and from which
/// silo, and what was already done to it. <see cref="Check"/> says what to do now; a heartbeat undoes it all.
/// </summary>
public sealed class NodeMonitor(NodeLifecycleOptions options)
{
    private readonly Dictionary<string, Health> _nodes = new(StringComparer.Ordinal);

    public void Heartbeat(string node, string? silo, DateTimeOffset now) => _nodes[node] = new Health(silo, now, heard: true);

    /// <summary>
    /// Starts watching a node known from storage, as if it had just heartbeat: it gets the full grace period, and the pod
    /// eviction timeout when its silo is dead but may be from before a whole-cluster restart, whose kubelet is coming back.
    /// </summary>
    public void Track(string node, string? silo, DateTimeOffset now) => _nodes.TryAdd(node, new Health(silo, now, heard: false));

    public void Forget(string node) => _nodes.Remove(node);

    public bool IsUnreachable(string node) => _nodes.TryGetValue(node, out var health) && health.UnreachableSince is not null;

    /// <summary>
    /// What to do now; each action is returned once unless <see cref="Retry"/> puts it back. A node whose silo died while
    /// this cluster ran (its kubelet was heard from it, or it started after a silo still active) loses its pods at once,
    /// without the pod eviction timeout: that silo's processes are gone (a silo declared dead stops itself, and its pods
    /// die with it), as when Kubernetes learns from the cloud provider that a node's machine no longer exists.
    /// </summary>
    public IReadOnlyList<NodeAction> Check(DateTimeOffset now, Func<string, SiloFate> fateOf)
    {
        var actions = new List<NodeAction>();
        foreach (var (node, health) in _nodes)
        {
            var fate = health.Silo is { } silo ? fateOf(silo) : SiloFate.Alive;
            if (health.UnreachableSince is null && (fate != SiloFate.Alive || now - health.LastHeartbeat > options.NodeMonitorGracePeriod))
            {
                health.UnreachableSince = now;
                actions.Add(new NodeAction(NodeActionKind.MarkUnreachable, node, fate != SiloFate.Alive
                    ? $"Kubelet stopped posting node status: silo {health.Silo} was declared dead."
                    : "Kubelet stopped posting node status."));
            }

            var gone = fate == SiloFate.DiedInThisRun || (fate == SiloFate.Dead && health.Heard);
            if (health.UnreachableSince is { } since && !health.Evicted && (gone || now - since >= options.PodEvictionTimeout))
            {
                health.Evicted = true;
                actions.Add(new NodeAction(NodeActionKind.EvictPods, node, gone
                    ? $"node {node}'s silo {health.Silo} was declared dead"
                    : $"node {node} is unresponsive"));
            }
        }

        return actions;
    }

    /// <summary>Puts back an action that could not be carried out, to be returned by the next check.</summary>
    public void Retry(NodeAction action)
    {
        if (_nodes.TryGetValue(action.Node, out var health))
        {
            if (action.Kind == NodeActionKind.MarkUnreachable)
            {
                health.UnreachableSince = null;
            }
            else
            {
                health.Evicted = false;
            }
        }
    }

    private sealed class Health(string? silo, DateTimeOffset lastHeartbeat, bool heard)
    {
        public string? Silo { get; } = silo;

        /// <summary>True when the silo is the one the kubelet last heartbeat from; false when it was read from storage.</summary>
        public bool Heard { get; } = heard;

        public DateTimeOffset LastHeartbeat { get; } = lastHeartbeat;

        public DateTimeOffset? UnreachableSince { get; set; }

        public bool Evicted { get; set; }
    }
}
