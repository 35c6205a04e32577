using OrleansKube.Scheduling;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class SchedulerOptionsTests
{
    [Fact]
    public void Defaults_are_in_range_and_kept()
    {
        var options = new SchedulerOptions().Clamped();

        Assert.Equal(ScoringStrategy.LeastAllocated, options.ScoringStrategy);
        Assert.Equal((1, 1, 0), (options.ResourceWeight, options.BalancedAllocationWeight, options.PercentageOfNodesToScore));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), (options.InitialBackoff, options.MaxBackoff));
        Assert.Equal((TimeSpan.FromSeconds(30), 256), (options.ResyncPeriod, options.MaxBindsInFlight));
    }

    [Fact]
    public void Out_of_range_values_are_brought_into_range()
    {
        var options = new SchedulerOptions
        {
            ScoringStrategy = ScoringStrategy.MostAllocated,
            ResourceWeight = -3,
            BalancedAllocationWeight = -1,
            PercentageOfNodesToScore = 150,
            ResyncPeriod = TimeSpan.Zero,
            MaxBindsInFlight = 0,
        }.Clamped();

        Assert.Equal(ScoringStrategy.MostAllocated, options.ScoringStrategy);
        Assert.Equal((0, 0, 100), (options.ResourceWeight, options.BalancedAllocationWeight, options.PercentageOfNodesToScore));
        Assert.Equal((TimeSpan.FromSeconds(30), 1), (options.ResyncPeriod, options.MaxBindsInFlight));
        Assert.Equal(0, new SchedulerOptions { PercentageOfNodesToScore = -5 }.Clamped().PercentageOfNodesToScore);
    }

    // The maximum back-off is never below the initial one, as the initial one ends up after clamping.
    [Theory]
    [InlineData(1000, 10000, 1000, 10000)]
    [InlineData(2000, 1000, 2000, 2000)]
    [InlineData(500, 500, 500, 500)]
    [InlineData(0, 500, 1000, 1000)]
    [InlineData(-1000, -1000, 1000, 1000)]
    [InlineData(-1000, 0, 1000, 1000)]
    public void Back_off_bounds_are_clamped_together(int initialMs, int maxMs, int expectedInitialMs, int expectedMaxMs)
    {
        var options = new SchedulerOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(initialMs),
            MaxBackoff = TimeSpan.FromMilliseconds(maxMs),
        }.Clamped();

        Assert.Equal(
            (TimeSpan.FromMilliseconds(expectedInitialMs), TimeSpan.FromMilliseconds(expectedMaxMs)),
            (options.InitialBackoff, options.MaxBackoff));
    }
}
