namespace OrleansKube.Scheduling.Plugins;

/// <summary>Only nodes whose <c>Ready</c> condition is True take pods.</summary>
public sealed class NodeReady : IFilterPlugin
{
    public const string Reason = "node(s) were not ready";

    private static readonly string[] Reasons = [Reason];

    public string Name => nameof(NodeReady);

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node) => node.Ready ? null : Reasons;
}
