using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class SchedulingPodTests
{
    // Containers are separated by "|", each with its requests as "name=quantity" joined by ",".
    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("cpu=0.5,memory=128Mi", 500, 128L * 1024 * 1024)]
    [InlineData("cpu=0.5,memory=128Mi|cpu=250m,memory=1Gi|", 750, (128L + 1024) * 1024 * 1024)]
    [InlineData("cpu=1|cpu=1.5|cpu=100m", 2600, 0)]
    [InlineData("cpu=0.1|cpu=1m", 101, 0)]
    [InlineData("memory=1G|memory=1e3|memory=0.5Gi", 0, 1_000_001_000 + 512L * 1024 * 1024)]
    [InlineData("memory=1.5", 0, 2)] // bytes round up, as Kubernetes does
    [InlineData("cpu=0.0001", 1, 0)] // so do millicores
    [InlineData("ephemeral-storage=1Gi,example.com/gpu=1", 0, 0)] // only cpu and memory are counted
    public void Requests_are_summed_over_the_containers(string containers, long expectedCpuMilli, long expectedMemory)
    {
        var scheduling = SchedulingPod.From(PodWith(containers));

        Assert.Equal((expectedCpuMilli, expectedMemory), Sums(scheduling));
    }

    [Fact]
    public void Limits_alone_are_not_requests_until_defaults_are_applied()
    {
        var pod = Samples.Pod().WithSpec(spec => spec with
        {
            Containers = [new() { Name = "c", Image = "busybox", Resources = new() { Limits = Samples.Resources("cpu=2", "memory=1Gi") } }],
        });

        Assert.Equal((0L, 0L), Sums(SchedulingPod.From(pod)));
        Assert.Equal((2000L, 1024L * 1024 * 1024), Sums(SchedulingPod.From(ObjectDefaults.Apply(pod))));
    }

    [Fact]
    public void Carries_the_pods_identity_and_constraints()
    {
        var pod = Samples.Pod().WithMetadata(m => m with { Uid = "u-1" });

        var scheduling = SchedulingPod.From(pod);

        Assert.Equal("shop/web-0", scheduling.Key);
        Assert.Equal("u-1", scheduling.Uid);
        Assert.Equal(pod.Spec.NodeSelector, scheduling.NodeSelector);
        Assert.Equal(pod.Spec.Tolerations, scheduling.Tolerations);
        Assert.Null(scheduling.NodeName);
        Assert.Equal((250L, 64L * 1024 * 1024), Sums(scheduling)); // web requests 250m and 64Mi, the sidecar nothing
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("node-1", "node-1")]
    public void An_empty_node_name_means_any_node(string? nodeName, string? expected) =>
        Assert.Equal(expected, SchedulingPod.From(Samples.Pod().WithSpec(s => s with { NodeName = nodeName })).NodeName);

    [Fact]
    public void A_pod_without_uid_or_namespace_still_has_a_key()
    {
        var scheduling = SchedulingPod.From(new Pod { Metadata = new() { Name = "p" }, Spec = new() { Containers = [new() { Name = "c" }] } });

        Assert.Equal(("p", ""), (scheduling.Key, scheduling.Uid));
    }

    [Theory]
    [InlineData(0, 0, SchedulingPod.DefaultNonZeroCpuMilli, SchedulingPod.DefaultNonZeroMemory)]
    [InlineData(1, 0, 1, SchedulingPod.DefaultNonZeroMemory)]
    [InlineData(0, 1, SchedulingPod.DefaultNonZeroCpuMilli, 1)]
    [InlineData(2000, 3, 2000, 3)]
    public void Pods_that_request_nothing_count_as_100m_and_200Mi_when_scoring(long cpu, long memory, long nonZeroCpu, long nonZeroMemory)
    {
        var pod = new SchedulingPod { Key = "p", Uid = "u", CpuMilli = cpu, Memory = memory };

        Assert.Equal((nonZeroCpu, nonZeroMemory), (pod.NonZeroCpuMilli, pod.NonZeroMemory));
        Assert.Equal((100L, 200L * 1024 * 1024), (SchedulingPod.DefaultNonZeroCpuMilli, SchedulingPod.DefaultNonZeroMemory));
    }

    [Theory]
    [InlineData("node-1", "True", true)]
    [InlineData("node-1", "False", false)]
    [InlineData("node-1", "Unknown", false)]
    [InlineData("node-1", null, false)]
    [InlineData("", "True", false)]
    [InlineData(null, "True", false)]
    [InlineData(null, null, false)]
    public void Bound_needs_a_node_name_and_PodScheduled_True(string? nodeName, string? scheduled, bool expected)
    {
        var pod = Samples.Pod().WithSpec(s => s with { NodeName = nodeName }) with
        {
            Status = scheduled is null
                ? new() { Conditions = [new() { Type = WellKnown.PodReady, Status = WellKnown.ConditionTrue }] }
                : new() { Conditions = [new() { Type = WellKnown.PodScheduled, Status = scheduled }] },
        };

        Assert.Equal(expected, SchedulingPod.IsBound(pod));
    }

    [Fact]
    public void A_pod_without_status_is_not_bound() =>
        Assert.False(SchedulingPod.IsBound(Samples.Pod().WithSpec(s => s with { NodeName = "node-1" }) with { Status = null }));

    private static (long Cpu, long Memory) Sums(SchedulingPod pod) => (pod.CpuMilli, pod.Memory);

    private static Pod PodWith(string containers) => Samples.Pod().WithSpec(spec => spec with
    {
        Containers =
        [
            .. containers.Split('|').Select((requests, i) => new Container
            {
                Name = $"c{i}",
                Image = "busybox",
                Resources = new() { Requests = Samples.Resources(requests.Length == 0 ? [] : requests.Split(',')) },
            }),
        ],
    });
}
