using Orleans.Concurrency;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>
/// The scheduler, one per cluster (key 0): a queue of pods waiting for a node, and a cache of the nodes with what is
/// already requested on each, so placing a pod calls no node grain. Pods and nodes tell it of their changes; it also
/// re-reads them periodically, so a lost message delays a decision but never loses it.
/// </summary>
[Alias("okube.ISchedulerGrain")]
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one scheduler.</summary>
    public const long Key = 0;

    /// <summary>Queues a pod that has no node yet.</summary>
    [AlwaysInterleave, Alias("Enqueue")]
    Task EnqueueAsync(Pod pod);

    /// <summary>Forgets a deleted pod: out of the queue, its requests released from its node.</summary>
    [AlwaysInterleave, Alias("PodDeleted")]
    Task PodDeletedAsync(Pod pod);

    /// <summary>A node was created or changed.</summary>
    [AlwaysInterleave, Alias("NodeChanged")]
    Task NodeChangedAsync(Node node);

    /// <summary>A node was deleted.</summary>
    [AlwaysInterleave, Alias("NodeDeleted")]
    Task NodeDeletedAsync(string nodeName);

    /// <summary>How many pods wait, and how many were bound since activation, for tests and the dashboard.</summary>
    [AlwaysInterleave, Alias("GetStatistics")]
    Task<SchedulerStatistics> GetStatisticsAsync();
}

/// <summary>A snapshot of the scheduler's work.</summary>
[GenerateSerializer, Immutable, Alias("okube.SchedulerStatistics")]
public sealed record SchedulerStatistics(
    [property: Id(0)] int Nodes,
    [property: Id(1)] int Queued,
    [property: Id(2)] int Unschedulable,
    [property: Id(3)] long Bound,
    [property: Id(4)] int BindsInFlight);
