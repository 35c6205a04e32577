using OrleansKube.Scheduling;
using static OrleansKube.Tests.Unit.Scheduling.World;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class SchedulingQueueTests
{
    private const string NoNodes = "0/1 nodes are available: 1 Insufficient cpu.";
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pods_come_out_in_the_order_they_went_in()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        queue.Add(Pod("b"));
        queue.Add(Pod("c"));

        Assert.Equal(3, queue.QueuedCount);
        Assert.Equal(["a", "b", "c"], PopAll(queue));
        Assert.Equal(0, queue.QueuedCount);
        Assert.False(queue.TryPop(out _));
    }

    [Fact]
    public void A_newer_version_replaces_the_queued_one_in_its_place()
    {
        var queue = Queue();
        queue.Add(Pod("a", cpuMilli: 1));
        queue.Add(Pod("b"));
        queue.Add(Pod("a", cpuMilli: 2));

        Assert.Equal(2, queue.QueuedCount);
        Assert.True(queue.TryPop(out var first));
        Assert.Equal(("default/a", 2L), (first.Key, first.CpuMilli));
        Assert.Equal(["b"], PopAll(queue));
    }

    [Fact]
    public void Removed_pods_are_not_popped()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        queue.Add(Pod("b"));
        queue.Park(Pod("c"), NoNodes, waitForChange: false, T0);

        queue.Remove("default/a");
        queue.Remove("default/c");

        Assert.False(queue.Contains("default/a"));
        Assert.False(queue.Contains("default/c"));
        Assert.Equal(0, queue.MoveEligible(T0 + TimeSpan.FromHours(1)));
        Assert.Equal(["b"], PopAll(queue));
    }

    [Fact]
    public void A_pod_removed_and_added_again_is_popped_once()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        queue.Remove("default/a");
        queue.Add(Pod("a"));

        Assert.Equal(["a"], PopAll(queue));
    }

    [Fact]
    public void A_parked_pod_waits_for_a_change_and_its_back_off()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        Assert.True(queue.TryPop(out var pod));

        queue.Park(pod, NoNodes, waitForChange: true, T0);

        Assert.True(queue.Contains("default/a"));
        Assert.Equal((0, 1), (queue.QueuedCount, queue.WaitingCount));
        Assert.Equal(0, queue.MoveEligible(T0 + TimeSpan.FromSeconds(30))); // nothing changed
        queue.Wake();
        Assert.Equal(0, queue.MoveEligible(T0 + TimeSpan.FromMilliseconds(999)));
        Assert.False(queue.TryPop(out _));
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal((1, 0), (queue.QueuedCount, queue.WaitingCount));
        Assert.Equal(["a"], PopAll(queue));
    }

    [Fact]
    public void A_wake_before_the_back_off_ends_lets_the_pod_go_when_it_ends()
    {
        var queue = Queue();
        queue.Park(Pod("a"), NoNodes, waitForChange: true, T0);

        queue.Wake();

        Assert.Equal(0, queue.MoveEligible(T0));
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_wake_before_the_pod_was_parked_does_not_count()
    {
        var queue = Queue();
        queue.Wake();

        queue.Park(Pod("a"), NoNodes, waitForChange: true, T0);

        Assert.Equal(0, queue.MoveEligible(T0 + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_failed_bind_is_retried_after_its_back_off_without_a_change()
    {
        var queue = Queue();

        queue.Park(Pod("a"), message: null, waitForChange: false, T0);

        Assert.Equal(0, queue.MoveEligible(T0 + TimeSpan.FromMilliseconds(999)));
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal(["a"], PopAll(queue));
    }

    [Fact]
    public void A_pod_nobody_woke_is_retried_after_the_flush_interval()
    {
        var queue = Queue();
        queue.Park(Pod("a"), NoNodes, waitForChange: true, T0);
        queue.Park(Pod("b"), NoNodes, waitForChange: true, T0 + TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(60), SchedulingQueue.FlushInterval);
        Assert.Equal(0, queue.MoveEligible(T0 + SchedulingQueue.FlushInterval - TimeSpan.FromTicks(1)));
        Assert.Equal(1, queue.MoveEligible(T0 + SchedulingQueue.FlushInterval));
        Assert.Equal(["a"], PopAll(queue));
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(70)));
        Assert.Equal(["b"], PopAll(queue));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(6, 10)]
    [InlineData(1000, 10)]
    public void Back_off_doubles_up_to_the_maximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Queue().Backoff(attempts));

    [Theory]
    [InlineData(100, 1000, 3, 400)]
    [InlineData(500, 700, 2, 700)]
    [InlineData(500, 500, 1, 500)]
    public void Back_off_uses_the_given_initial_and_maximum(int initialMs, int maxMs, int attempts, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            new SchedulingQueue(TimeSpan.FromMilliseconds(initialMs), TimeSpan.FromMilliseconds(maxMs)).Backoff(attempts));

    [Fact]
    public void Each_failed_attempt_waits_longer()
    {
        var queue = Queue();
        var now = T0;
        var waits = new List<double>();

        // Pop, fail, park; then find the first whole second at which a change lets the pod go again.
        queue.Add(Pod("a"));
        for (var attempt = 0; attempt < 6; attempt++)
        {
            Assert.True(queue.TryPop(out var pod));
            queue.Park(pod, NoNodes, waitForChange: true, now);
            queue.Wake();
            var wait = 0;
            while (queue.MoveEligible(now + TimeSpan.FromSeconds(wait)) == 0)
            {
                wait++;
            }

            waits.Add(wait);
            now += TimeSpan.FromSeconds(wait);
        }

        Assert.Equal([1, 2, 4, 8, 10, 10], waits);
    }

    [Fact]
    public void Park_says_whether_the_message_is_new()
    {
        var queue = Queue();
        var pod = Pod("a");

        Assert.True(queue.Park(pod, NoNodes, waitForChange: true, T0));
        Assert.False(queue.Park(pod, NoNodes, waitForChange: true, T0));
        Assert.False(queue.Park(pod, message: null, waitForChange: false, T0)); // a failed bind has nothing to say
        Assert.False(queue.Park(pod, NoNodes, waitForChange: true, T0)); // the message from before the bind is still current
        Assert.True(queue.Park(pod, "0/2 nodes are available: 2 Insufficient cpu.", waitForChange: true, T0));
    }

    [Fact]
    public void The_same_message_after_a_retry_is_not_new()
    {
        // The scheduler pops a pod, fails to place it and parks it; after a change it tries again and fails the same way.
        var queue = Queue();
        queue.Add(Pod("a"));
        Assert.True(queue.TryPop(out var pod));
        Assert.True(queue.Park(pod, NoNodes, waitForChange: true, T0));
        queue.Wake();
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
        Assert.True(queue.TryPop(out pod));

        Assert.False(queue.Park(pod, NoNodes, waitForChange: true, T0 + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_removed_pod_starts_afresh_when_it_comes_back()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        Assert.True(queue.TryPop(out var pod));
        queue.Park(pod, NoNodes, waitForChange: false, T0);
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
        Assert.True(queue.TryPop(out pod));

        queue.Remove(pod.Key);

        Assert.True(queue.Park(pod, NoNodes, waitForChange: false, T0 + TimeSpan.FromSeconds(1))); // told again
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(2))); // first attempt again: one second
    }

    [Fact]
    public void A_new_pod_with_the_same_name_starts_afresh()
    {
        var queue = Queue();
        queue.Park(Pod("a", uid: "old"), NoNodes, waitForChange: true, T0);
        queue.Park(Pod("a", uid: "old"), NoNodes, waitForChange: true, T0);

        Assert.True(queue.Park(Pod("a", uid: "new"), NoNodes, waitForChange: true, T0)); // the new pod has not been told
        queue.Wake();
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1))); // first attempt: one second
    }

    [Fact]
    public void Adding_a_waiting_pod_again_keeps_it_waiting_with_the_newer_version()
    {
        var queue = Queue();
        queue.Park(Pod("a", cpuMilli: 1), NoNodes, waitForChange: true, T0);

        queue.Add(Pod("a", cpuMilli: 2));

        Assert.Equal((0, 1), (queue.QueuedCount, queue.WaitingCount));
        Assert.False(queue.TryPop(out _));
        queue.Wake();
        Assert.Equal(1, queue.MoveEligible(T0 + TimeSpan.FromSeconds(1)));
        Assert.True(queue.TryPop(out var pod));
        Assert.Equal(2, pod.CpuMilli);
    }

    [Fact]
    public void Adding_a_recreated_pod_queues_it_at_once()
    {
        var queue = Queue();
        queue.Park(Pod("a", uid: "old"), NoNodes, waitForChange: true, T0);

        queue.Add(Pod("a", uid: "new"));

        Assert.Equal((1, 0), (queue.QueuedCount, queue.WaitingCount));
        Assert.True(queue.TryPop(out var pod));
        Assert.Equal("new", pod.Uid);
    }

    [Fact]
    public void Parking_a_queued_pod_takes_it_off_the_active_queue()
    {
        var queue = Queue();
        queue.Add(Pod("a"));
        queue.Add(Pod("b"));

        queue.Park(Pod("a"), NoNodes, waitForChange: true, T0);

        Assert.Equal((1, 1), (queue.QueuedCount, queue.WaitingCount));
        Assert.Equal(["b"], PopAll(queue));
    }

    private static SchedulingQueue Queue() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    private static List<string> PopAll(SchedulingQueue queue)
    {
        var names = new List<string>();
        while (queue.TryPop(out var pod))
        {
            names.Add(pod.Key["default/".Length..]);
        }

        return names;
    }
}
