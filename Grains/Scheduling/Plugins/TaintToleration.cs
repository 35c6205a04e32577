using OrleansKube.Model.Nodes;

namespace OrleansKube.Scheduling.Plugins;

/// <summary>A node's <c>NoSchedule</c> and <c>NoExecute</c> taints keep away every pod that does not tolerate them.</summary>
public sealed class TaintToleration : IFilterPlugin
{
    public string Name => nameof(TaintToleration);

    public IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node)
    {
        foreach (var taint in node.Taints)
        {
            if (taint.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute &&
                !pod.Tolerations.Any(toleration => Tolerations.Tolerates(toleration, taint)))
            {
                return [Reason(taint)];
            }
        }

        return null;
    }

    /// <summary>Kubernetes' wording: <c>node(s) had untolerated taint {dedicated: gpu}</c>.</summary>
    public static string Reason(Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
}
