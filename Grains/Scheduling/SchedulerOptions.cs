namespace OrleansKube.Scheduling;

/// <summary>How nodes are scored: spread pods out, or pack them tight.</summary>
public enum ScoringStrategy
{
    /// <summary>Prefer the emptiest node (Kubernetes' default).</summary>
    LeastAllocated,

    /// <summary>Prefer the fullest node that fits (bin packing).</summary>
    MostAllocated,
}

/// <summary>The scheduler's settings; configuration section <c>OrleansKube:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "OrleansKube:Scheduler";

    /// <summary>Spread or pack. Default <see cref="ScoringStrategy.LeastAllocated"/>.</summary>
    public ScoringStrategy ScoringStrategy { get; set; } = ScoringStrategy.LeastAllocated;

    /// <summary>Weight of the resource score (least or most allocated). Default 1; negative counts as 0.</summary>
    public int ResourceWeight { get; set; } = 1;

    /// <summary>Weight of the balanced-allocation score. Default 1; negative counts as 0.</summary>
    public int BalancedAllocationWeight { get; set; } = 1;

    /// <summary>
    /// Share of the nodes (1–100) to find feasible before scoring stops looking, for large clusters.
    /// Default 0: adaptive, as Kubernetes, 50% minus one point per 125 nodes, at least 5%, and never fewer than 100 nodes.
    /// </summary>
    public int PercentageOfNodesToScore { get; set; }

    /// <summary>First wait before an unschedulable pod is tried again after the cluster changed. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between tries of an unschedulable pod. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the scheduler re-reads all nodes and pods, to repair any missed message. Default 30 s.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Binds in flight at once. Default 256; at least 1.</summary>
    public int MaxBindsInFlight { get; set; } = 256;

    /// <summary>The options with out-of-range values brought into range.</summary>
    public SchedulerOptions Clamped()
    {
        // The maximum is compared with the initial back-off as clamped, or a bad pair would leave it at or below zero.
        var initialBackoff = InitialBackoff > TimeSpan.Zero ? InitialBackoff : TimeSpan.FromSeconds(1);
        return new()
        {
            ScoringStrategy = ScoringStrategy,
            ResourceWeight = Math.Max(0, ResourceWeight),
            BalancedAllocationWeight = Math.Max(0, BalancedAllocationWeight),
            PercentageOfNodesToScore = Math.Clamp(PercentageOfNodesToScore, 0, 100),
            InitialBackoff = initialBackoff,
            MaxBackoff = MaxBackoff >= initialBackoff ? MaxBackoff : initialBackoff,
            ResyncPeriod = ResyncPeriod > TimeSpan.Zero ? ResyncPeriod : TimeSpan.FromSeconds(30),
            MaxBindsInFlight = Math.Max(1, MaxBindsInFlight),
        };
    }
}
