using OrleansKube.Scheduling.Plugins;

namespace OrleansKube.Scheduling;

/// <summary>The outcome of placing one pod: the chosen node, or the message that explains why none fits.</summary>
public readonly record struct ScheduleResult(NodeInfo? Node, string? FailureMessage);

/// <summary>
/// One scheduling cycle, as the kube-scheduler framework runs it: filter the nodes (starting where the last cycle
/// stopped, and stopping once enough feasible nodes are found), score the feasible ones with each score plugin,
/// normalise, weigh and sum, and pick the best, breaking ties at random. Pure: it changes nothing it is given.
/// </summary>
public sealed class SchedulingAlgorithm
{
    private const int MinFeasibleNodesToFind = 100;
    private const int MinFeasibleNodesPercentageToFind = 5;

    private readonly IFilterPlugin[] _filters =
        [new NodeReady(), new NodeUnschedulable(), new NodeNameFit(), new NodeSelectorFit(), new TaintToleration(), new NodeResourcesFit()];

    private readonly (IScorePlugin Plugin, int Weight)[] _scores;
    private readonly int _percentageOfNodesToScore;
    private readonly Random _random;
    private int _nextStartIndex;

    public SchedulingAlgorithm(SchedulerOptions options, Random? random = null)
    {
        options = options.Clamped();
        IScorePlugin resource = options.ScoringStrategy == ScoringStrategy.MostAllocated ? new MostAllocated() : new LeastAllocated();
        _scores = [.. new (IScorePlugin, int)[] { (resource, options.ResourceWeight), (new BalancedAllocation(), options.BalancedAllocationWeight) }
            .Where(score => score.Item2 > 0)];
        _percentageOfNodesToScore = options.PercentageOfNodesToScore;
        _random = random ?? Random.Shared;
    }

    public ScheduleResult Schedule(SchedulingPod pod, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count == 0)
        {
            return new(null, "0/0 nodes are available: no nodes available to schedule pods.");
        }

        var wanted = NumFeasibleNodesToFind(nodes.Count, _percentageOfNodesToScore);
        var feasible = new List<NodeInfo>(Math.Min(wanted, nodes.Count));
        Dictionary<string, int>? reasons = null;
        var start = _nextStartIndex % nodes.Count;
        var processed = 0;
        while (processed < nodes.Count && feasible.Count < wanted)
        {
            var node = nodes[(start + processed) % nodes.Count];
            processed++;
            var refused = Filter(pod, node);
            if (refused is null)
            {
                feasible.Add(node);
                continue;
            }

            reasons ??= [];
            foreach (var reason in refused)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        _nextStartIndex = (start + processed) % nodes.Count;
        return feasible.Count switch
        {
            0 => new(null, FailureMessage(nodes.Count, reasons!)),
            1 => new(feasible[0], null),
            _ => new(SelectHost(pod, feasible), null),
        };
    }

    /// <summary>How many feasible nodes to find before scoring, as Kubernetes' <c>numFeasibleNodesToFind</c>.</summary>
    public static int NumFeasibleNodesToFind(int allNodes, int percentageOfNodesToScore)
    {
        if (allNodes < MinFeasibleNodesToFind || percentageOfNodesToScore >= 100)
        {
            return allNodes;
        }

        var percentage = percentageOfNodesToScore;
        if (percentage == 0)
        {
            percentage = Math.Max(MinFeasibleNodesPercentageToFind, 50 - (allNodes / 125));
        }

        return Math.Max(MinFeasibleNodesToFind, allNodes * percentage / 100);
    }

    /// <summary>Kubernetes' message for a pod no node fits: <c>0/3 nodes are available: 2 Insufficient cpu, 1 node(s) were unschedulable.</c></summary>
    public static string FailureMessage(int nodeCount, IReadOnlyDictionary<string, int> reasons) =>
        $"0/{nodeCount} nodes are available: " +
        string.Join(", ", reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}")) + ".";

    private IReadOnlyList<string>? Filter(SchedulingPod pod, NodeInfo node)
    {
        foreach (var filter in _filters)
        {
            if (filter.Filter(pod, node) is { } reasons)
            {
                return reasons;
            }
        }

        return null;
    }

    private NodeInfo SelectHost(SchedulingPod pod, List<NodeInfo> feasible)
    {
        var totals = new long[feasible.Count];
        var raw = new long[feasible.Count];
        foreach (var (plugin, weight) in _scores)
        {
            for (var i = 0; i < feasible.Count; i++)
            {
                raw[i] = plugin.Score(pod, feasible[i]);
            }

            ScoreNormalizer.Normalize(raw);
            for (var i = 0; i < feasible.Count; i++)
            {
                totals[i] += raw[i] * weight;
            }
        }

        // Reservoir sampling over the best: each of the tied nodes is chosen with equal chance.
        var best = 0;
        var ties = 1;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (totals[i] > totals[best])
            {
                best = i;
                ties = 1;
            }
            else if (totals[i] == totals[best] && _random.Next(++ties) == 0)
            {
                best = i;
            }
        }

        return feasible[best];
    }
}
