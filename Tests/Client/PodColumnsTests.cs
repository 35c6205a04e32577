using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

public sealed class PodColumnsTests
{
    private static readonly ContainerState Running = new() { Running = new ContainerStateRunning() };

    public static TheoryData<string, Pod, string, string, int> Cases() => new()
    {
        { "no status yet", TestObjects.PendingPod("p"), "Pending", "0/2", 0 },
        { "running and ready", TestObjects.RunningPod("p", restarts: 2), "Running", "1/1", 2 },
        { "crash looping", WithStatuses("Running", Status("a", waiting: "CrashLoopBackOff", restarts: 4), Status("b", ready: true)), "CrashLoopBackOff", "1/2", 4 },
        { "pulling", WithStatuses("Pending", Status("a", waiting: "ContainerCreating"), Status("b", waiting: "ContainerCreating")), "ContainerCreating", "0/2", 0 },
        { "first container's reason wins", WithStatuses("Running", Status("a", waiting: "ErrImagePull"), Status("b", waiting: "CrashLoopBackOff")), "ErrImagePull", "0/2", 0 },
        { "completed", WithStatuses("Succeeded", Terminated("a", "Completed", 0), Terminated("b", "Completed", 0)), "Completed", "0/2", 0 },
        { "exit code without reason", WithStatuses("Failed", Terminated("a", null, 3), Terminated("b", "Completed", 0)), "ExitCode:3", "0/2", 0 },
        { "signal without reason", WithStatuses("Failed", Terminated("a", null, 137, signal: 9), Terminated("b", "Completed", 0)), "Signal:9", "0/2", 0 },
        { "completed beside running, ready", ReadyCondition(WithStatuses("Running", Terminated("a", "Completed", 0), Status("b", ready: true))), "Running", "1/2", 0 },
        { "completed beside running, not ready", WithStatuses("Running", Terminated("a", "Completed", 0), Status("b", ready: true)), "NotReady", "1/2", 0 },
        { "pod reason", TestObjects.PendingPod("p") with { Status = new PodStatus { Phase = "Failed", Reason = "Evicted" } }, "Evicted", "0/2", 0 },
        { "being deleted", Deleted(TestObjects.RunningPod("p")), "Terminating", "1/1", 0 },
        { "deleted on a lost node", Deleted(WithStatuses("Running", Status("a", ready: true), Status("b", ready: true)), reason: "NodeLost"), "Unknown", "2/2", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Status_ready_and_restarts_are_derived_like_kubectl(string situation, Pod pod, string status, string ready, int restarts)
    {
        Assert.True(situation.Length > 0);
        Assert.Equal(status, PodColumns.Status(pod));
        Assert.Equal(ready, PodColumns.Ready(pod));
        Assert.Equal(restarts, PodColumns.Restarts(pod));
    }

    private static Pod WithStatuses(string phase, params ContainerStatus[] statuses) =>
        TestObjects.PendingPod("p") with { Status = new PodStatus { Phase = phase, ContainerStatuses = [.. statuses] } };

    private static Pod ReadyCondition(Pod pod) =>
        pod with { Status = pod.Status! with { Conditions = [new PodCondition { Type = "Ready", Status = "True" }] } };

    private static Pod Deleted(Pod pod, string? reason = null) => pod with
    {
        Metadata = pod.Metadata with { DeletionTimestamp = TestObjects.Now },
        Status = pod.Status! with { Reason = reason },
    };

    private static ContainerStatus Status(string name, string? waiting = null, bool ready = false, int restarts = 0) => new()
    {
        Name = name,
        Ready = ready,
        RestartCount = restarts,
        State = waiting is null ? Running : new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting } },
    };

    private static ContainerStatus Terminated(string name, string? reason, int exitCode, int? signal = null) => new()
    {
        Name = name,
        State = new ContainerState { Terminated = new ContainerStateTerminated { Reason = reason, ExitCode = exitCode, Signal = signal } },
    };
}
