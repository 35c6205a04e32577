namespace OrleansKube.Scheduling.Plugins;

/// <summary>
/// Drops nodes that cannot take a pod. Each plugin answers for one concern and says why it refuses,
/// in the words Kubernetes uses, so the reasons can be counted into the pod's message.
/// </summary>
public interface IFilterPlugin
{
    string Name { get; }

    /// <summary>Null when the node can take the pod; otherwise the reasons it cannot.</summary>
    IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node);
}

/// <summary>Ranks nodes that can take a pod. Raw scores are normalised to 0–100 across the candidate nodes by <see cref="ScoreNormalizer"/>.</summary>
public interface IScorePlugin
{
    string Name { get; }

    /// <summary>A raw score: higher is better.</summary>
    long Score(SchedulingPod pod, NodeInfo node);
}
