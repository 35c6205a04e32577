namespace OrleansKube.Nodes;

/// <summary>What the node lifecycle controller does to a node.</summary>
public enum NodeActionKind
{
    /// <summary>Set the node's Ready condition to Unknown.</summary>
    MarkUnreachable,

    /// <summary>Fail the node's pods with reason NodeLost.</summary>
    EvictPods,
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

    public void Heartbeat(string node, string? silo, DateTimeOffset now) => _nodes[node] = new Health(silo, now);

    /// <summary>Starts watching a node known from storage, as if it had just heartbeat: it gets the full grace period.</summary>
    public void Track(string node, string? silo, DateTimeOffset now) => _nodes.TryAdd(node, new Health(silo, now));

    public void Forget(string node) => _nodes.Remove(node);

    public bool IsUnreachable(string node) => _nodes.TryGetValue(node, out var health) && health.UnreachableSince is not null;

    /// <summary>What to do now; each action is returned once unless <see cref="Retry"/> puts it back.</summary>
    public IReadOnlyList<NodeAction> Check(DateTimeOffset now, Func<string, bool> siloDead)
    {
        var actions = new List<NodeAction>();
        foreach (var (node, health) in _nodes)
        {
            if (health.UnreachableSince is null)
            {
                var dead = health.Silo is { } silo && siloDead(silo);
                if (dead || now - health.LastHeartbeat > options.NodeMonitorGracePeriod)
                {
                    health.UnreachableSince = now;
                    actions.Add(new NodeAction(NodeActionKind.MarkUnreachable, node, dead
                        ? $"Kubelet stopped posting node status: silo {health.Silo} was declared dead."
                        : "Kubelet stopped posting node status."));
                }
            }
            else if (!health.Evicted && now - health.UnreachableSince >= options.PodEvictionTimeout)
            {
                health.Evicted = true;
                actions.Add(new NodeAction(NodeActionKind.EvictPods, node, $"node {node} is unresponsive"));
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

    private sealed class Health(string? silo, DateTimeOffset lastHeartbeat)
    {
        public string? Silo { get; } = silo;

        public DateTimeOffset LastHeartbeat { get; } = lastHeartbeat;

        public DateTimeOffset? UnreachableSince { get; set; }

        public bool Evicted { get; set; }
    }
}
