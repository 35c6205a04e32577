using OrleansKube.Scheduling;
using OrleansKube.Scheduling.Plugins;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class ScorePluginTests
{
    // Node: 1000m cpu and 1000Mi memory, with pods on it requesting usedCpu/usedMemory. Scores count the pod being placed.
    // least = mean of free*100/allocatable, most = mean of used*100/allocatable, balanced = (1 - |cpu - memory| / 2) * 100.
    [Theory]
    [InlineData(0, 0, 250, 500 * Mi, 62, 37, 87)]
    [InlineData(500, 500 * Mi, 250, 250 * Mi, 25, 75, 100)]
    [InlineData(0, 0, 1000, 1000 * Mi, 0, 100, 100)]
    [InlineData(0, 0, 500, 0, 65, 35, 85)] // no memory request counts as 200Mi: 0.5 and 0.2
    [InlineData(0, 0, 0, 0, 85, 15, 95)] // no requests count as 100m and 200Mi: 0.1 and 0.2
    [InlineData(0, 0, 0, 500 * Mi, 70, 30, 80)] // no cpu request counts as 100m: 0.1 and 0.5
    [InlineData(900, 500 * Mi, 200, 0, 15, 85, 85)] // more than allocatable: cpu counts as full (memory 700Mi: 0.7)
    public void Resource_scores(long usedCpu, long usedMemory, long podCpu, long podMemory, long least, long most, long balanced)
    {
        var node = Node(cpuMilli: 1000, memory: 1000 * Mi).Used(usedCpu, usedMemory, podCount: usedCpu + usedMemory == 0 ? 0 : 1);
        var pod = Pod(cpuMilli: podCpu, memory: podMemory);

        Assert.Equal(
            (least, most, balanced),
            (new LeastAllocated().Score(pod, node), new MostAllocated().Score(pod, node), new BalancedAllocation().Score(pod, node)));
    }

    [Fact]
    public void Pods_on_the_node_that_request_nothing_count_with_the_non_zero_defaults()
    {
        var node = Node(cpuMilli: 1000, memory: 1000 * Mi).Used(0, 0, podCount: 1);
        var pod = Pod();

        Assert.Equal(200, node.NonZeroRequestedCpuMilli + pod.NonZeroCpuMilli);
        Assert.Equal(400 * Mi, node.NonZeroRequestedMemory + pod.NonZeroMemory);
        Assert.Equal(70, new LeastAllocated().Score(pod, node)); // (80 + 60) / 2
        Assert.Equal(30, new MostAllocated().Score(pod, node)); // (20 + 40) / 2
        Assert.Equal(90, new BalancedAllocation().Score(pod, node)); // fractions 0.2 and 0.4
    }

    // A resource the node has none of scores as no room for least and most, and as fully used for balance.
    [Theory]
    [InlineData(0, 1000 * Mi, 0, 500 * Mi, 25, 25, 75)]
    [InlineData(1000, 0, 500, 0, 25, 25, 75)]
    [InlineData(0, 0, 0, 0, 0, 0, 100)]
    public void Nodes_without_allocatable_score_without_dividing_by_zero(
        long cpu, long memory, long podCpu, long podMemory, long least, long most, long balanced)
    {
        var node = Node(cpuMilli: cpu, memory: memory);
        var pod = Pod(cpuMilli: podCpu, memory: podMemory);

        Assert.Equal(
            (least, most, balanced),
            (new LeastAllocated().Score(pod, node), new MostAllocated().Score(pod, node), new BalancedAllocation().Score(pod, node)));
    }

    [Fact]
    public void Least_prefers_the_emptier_node_and_most_the_fuller()
    {
        var empty = Node("empty", cpuMilli: 1000, memory: 1000 * Mi);
        var half = Node("half", cpuMilli: 1000, memory: 1000 * Mi).Used(500, 500 * Mi);
        var pod = Pod(cpuMilli: 100, memory: 100 * Mi);

        Assert.True(new LeastAllocated().Score(pod, empty) > new LeastAllocated().Score(pod, half));
        Assert.True(new MostAllocated().Score(pod, half) > new MostAllocated().Score(pod, empty));
    }

    [Theory]
    [InlineData(new long[] { 50, 25, 0 }, false, new long[] { 100, 50, 0 })]
    [InlineData(new long[] { 3, 1, 2 }, false, new long[] { 100, 33, 66 })]
    [InlineData(new long[] { 100, 40 }, false, new long[] { 100, 40 })]
    [InlineData(new long[] { 7, 7, 7 }, false, new long[] { 100, 100, 100 })]
    [InlineData(new long[] { 0, 0, 0 }, false, new long[] { 0, 0, 0 })]
    [InlineData(new long[] { 50, 25, 0 }, true, new long[] { 0, 50, 100 })]
    [InlineData(new long[] { 3, 1, 2 }, true, new long[] { 0, 67, 34 })]
    [InlineData(new long[] { 0, 0, 0 }, true, new long[] { 100, 100, 100 })]
    [InlineData(new long[] { 1000, 10 }, false, new long[] { 100, 1 })]
    [InlineData(new long[0], false, new long[0])]
    public void Normalizer_scales_the_best_to_100_and_keeps_proportions(long[] raw, bool reverse, long[] expected)
    {
        var scores = raw.ToArray();

        ScoreNormalizer.Normalize(scores, reverse);

        Assert.Equal(expected, scores);
    }
}
