using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet;

namespace OrleansKube.Tests.Unit.Kubelet;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string[], string> Phases => new()
    {
        // restart policy, container states (w = never started, r = running, 0/1 = exited with code, c = crashed and waiting to restart), phase
        { "Always", ["w"], PodPhase.Pending },
        { "Always", ["r", "w"], PodPhase.Pending },
        { "Always", ["r"], PodPhase.Running },
        { "Always", ["r", "c1"], PodPhase.Running },
        { "Always", ["c1"], PodPhase.Running },
        { "Always", ["0"], PodPhase.Running },
        { "Never", ["0"], PodPhase.Succeeded },
        { "Never", ["0", "0"], PodPhase.Succeeded },
        { "Never", ["1"], PodPhase.Failed },
        { "Never", ["0", "1"], PodPhase.Failed },
        { "Never", ["r", "1"], PodPhase.Running },
        { "OnFailure", ["0"], PodPhase.Succeeded },
        { "OnFailure", ["c1"], PodPhase.Running },
        { "OnFailure", ["0", "c1"], PodPhase.Running },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void PhaseFollowsKubernetes(string policy, string[] states, string expected)
    {
        var spec = new PodSpec { RestartPolicy = policy };

        var phase = PodStatusBuilder.Phase(spec, [.. states.Select((state, i) => Container($"c{i}", state))]);

        Assert.Equal(expected, phase);
    }

    [Fact]
    public void ReadyWhenEveryContainerIsReady()
    {
        var spec = new PodSpec { RestartPolicy = "Always" };
        var containers = new[] { Container("a", "r") with { Ready = true }, Container("b", "r") with { Ready = true } };

        var status = PodStatusBuilder.Build(spec, containers, null, "127.0.0.1", Now, Now);

        Assert.Equal(PodPhase.Running, status.Phase);
        Assert.Equal(WellKnown.ConditionTrue, Condition(status, WellKnown.PodReady).Status);
        Assert.Equal(WellKnown.ConditionTrue, Condition(status, WellKnown.ContainersReady).Status);
        Assert.Equal("127.0.0.1", status.HostIP);
        Assert.Equal(Now, status.StartTime);
    }

    [Fact]
    public void NamesTheContainersThatAreNotReady()
    {
        var spec = new PodSpec();
        var containers = new[] { Container("a", "r") with { Ready = true }, Container("b", "r"), Container("c", "w") };

        var status = PodStatusBuilder.Build(spec, containers, null, "127.0.0.1", Now, Now);

        var ready = Condition(status, WellKnown.PodReady);
        Assert.Equal(WellKnown.ConditionFalse, ready.Status);
        Assert.Equal("ContainersNotReady", ready.Reason);
        Assert.Equal("containers with unready status: [b c]", ready.Message);
    }

    [Fact]
    public void KeepsTheTransitionTimeWhileAConditionHolds()
    {
        var spec = new PodSpec();
        var containers = new[] { Container("a", "r") with { Ready = true } };
        var first = PodStatusBuilder.Build(spec, containers, null, "127.0.0.1", Now, Now);

        var later = PodStatusBuilder.Build(spec, containers, first, "127.0.0.1", Now, Now.AddMinutes(5));
        var notReady = PodStatusBuilder.Build(spec, [containers[0] with { Ready = false }], later, "127.0.0.1", Now, Now.AddMinutes(6));

        Assert.Equal(Now, Condition(later, WellKnown.PodReady).LastTransitionTime);
        Assert.Equal(Now.AddMinutes(6), Condition(notReady, WellKnown.PodReady).LastTransitionTime);
    }

    [Fact]
    public void AnEndedPodIsNotReady()
    {
        var spec = new PodSpec { RestartPolicy = "Never" };

        var status = PodStatusBuilder.Build(spec, [Container("a", "0")], null, "127.0.0.1", Now, Now);

        Assert.Equal(PodPhase.Succeeded, status.Phase);
        Assert.Equal("PodCompleted", Condition(status, WellKnown.PodReady).Reason);
        Assert.Equal(WellKnown.ConditionFalse, Condition(status, WellKnown.PodReady).Status);
    }

    private static PodCondition Condition(PodStatus status, string type) => Assert.Single(status.Conditions, c => c.Type == type);

    private static ContainerStatus Container(string name, string state) => state switch
    {
        "w" => new ContainerStatus { Name = name, State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } } },
        "r" => new ContainerStatus { Name = name, State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Now } } },
        ['c', .. var code] => new ContainerStatus
        {
            Name = name,
            State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
            LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = int.Parse(code) } },
        },
        _ => new ContainerStatus { Name = name, State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = int.Parse(state) } } },
    };
}
