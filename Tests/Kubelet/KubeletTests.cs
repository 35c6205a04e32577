using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Tests.Runtime;
using OrleansKube.Tests.Scheduling;

namespace OrleansKube.Tests.Kubelet;

[Collection(KubeletCollection.Name)]
public sealed class KubeletTests(KubeletClusterFixture fixture)
{
    private const string Image = "busybox:1.36";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Every_silo_registers_its_node_Ready_with_its_resources()
    {
        var nodes = await Eventually(async () =>
        {
            var list = await Client.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Node.KindName, null);
            var real = list.Items.Cast<Node>().Where(n => n.Metadata.Annotations.ContainsKey(WellKnown.SiloAnnotation)).ToList();
            return real.Count == 2 && real.All(Ready) ? real : null;
        });

        foreach (var node in nodes)
        {
            Assert.Equal(node.Metadata.Name, node.Metadata.Labels[WellKnown.HostnameLabel]);
            Assert.Equal(Quantity.Parse("2"), node.Status!.Allocatable[WellKnown.Cpu]);
            Assert.Equal(Quantity.Parse("2Gi"), node.Status.Allocatable[WellKnown.Memory]);
            Assert.Equal(Quantity.Parse("110"), node.Status.Capacity[WellKnown.Pods]);
            Assert.Equal("process://1", node.Status.NodeInfo?.ContainerRuntimeVersion);
            var limits = Assert.Single(node.Status.Conditions, c => c.Type == NodeReport.LimitsCondition);
            Assert.Equal(WellKnown.ConditionTrue, limits.Status);
        }
    }

    [Fact]
    public async Task A_pod_runs_as_a_process_with_its_env_and_ports_and_stops_when_deleted()
    {
        await using var world = await WorldAsync();
        var sleep = RuntimeScope.Marker();
        await world.AddPodAsync("web", customize: spec => spec with
        {
            // sleep is the first process of its PID namespace and, having no handler, ignores SIGTERM: SIGKILL ends it.
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new Container
                {
                    Name = "web",
                    Image = Image,
                    Command = ["sh", "-c", $"echo \"port=$PORT http=$PORT_HTTP greeting=$GREETING\"; exec sleep {sleep}"],
                    Env = [new EnvVar { Name = "GREETING", Value = "hello" }],
                    Ports = [new ContainerPort { Name = "http", Number = 8080 }],
                },
            ],
        });

        var pod = await world.WaitForPodAsync("web", p => p.Status?.Phase == PodPhase.Running, Deadline);

        var container = Assert.Single(pod.Status!.ContainerStatuses);
        Assert.NotNull(container.State.Running);
        Assert.True(container.Ready);
        Assert.StartsWith("process://", container.ContainerID);
        var port = Assert.Single(container.Ports);
        Assert.Equal(8080, port.Number);
        Assert.NotNull(port.HostPort);
        Assert.Equal(WellKnown.ConditionTrue, Assert.Single(pod.Status.Conditions, c => c.Type == WellKnown.PodReady).Status);
        // Running is reported once the launch chain has started; the command itself follows a moment later.
        await Processes.EventuallyAsync(() => Processes.Sleeping(sleep).Count > 0, "the pod's sleep starting");
        Assert.Single(Processes.Sleeping(sleep));
        var logs = await Eventually(async () =>
        {
            var chunk = await Client.GetGrain<INodeGrain>(pod.Spec.NodeName!).ReadPodLogsAsync(new PodLogRequest { Namespace = world.Namespace, Name = "web" });
            return chunk.Text.Contains("greeting", StringComparison.Ordinal) ? chunk.Text : null;
        });
        Assert.Equal($"port={port.HostPort} http={port.HostPort} greeting=hello\n", logs);

        await Client.GetObjectGrain<Pod>(world.Namespace, "web").DeleteAsync(null);

        await Eventually(() => Task.FromResult(Processes.Sleeping(sleep).Count == 0 ? "gone" : null));
    }

    [Theory]
    [InlineData("Never", "exit 3", PodPhase.Failed, 3, "Error")]
    [InlineData("Never", "exit 0", PodPhase.Succeeded, 0, "Completed")]
    [InlineData("OnFailure", "exit 0", PodPhase.Succeeded, 0, "Completed")]
    public async Task A_pod_that_will_not_restart_ends_with_its_exit_code(string policy, string script, string phase, int exitCode, string reason)
    {
        await using var world = await WorldAsync();
        await world.AddPodAsync("job", customize: spec => spec with
        {
            RestartPolicy = policy,
            Containers = [new Container { Name = "job", Image = Image, Command = ["sh", "-c", script] }],
        });

        var pod = await world.WaitForPodAsync("job", p => p.Status?.Phase == phase, Deadline);

        var terminated = Assert.Single(pod.Status!.ContainerStatuses).State.Terminated;
        Assert.NotNull(terminated);
        Assert.Equal(exitCode, terminated.ExitCode);
        Assert.Equal(reason, terminated.Reason);
        Assert.Equal(0, pod.Status.ContainerStatuses[0].RestartCount);
    }

    [Fact]
    public async Task A_crashing_container_restarts_with_back_off()
    {
        await using var world = await WorldAsync();
        await world.AddPodAsync("crash", customize: spec => spec with
        {
            Containers = [new Container { Name = "crash", Image = Image, Command = ["sh", "-c", "echo crashing; exit 7"] }],
        });

        var pod = await world.WaitForPodAsync(
            "crash",
            p => p.Status?.ContainerStatuses.FirstOrDefault() is { RestartCount: >= 2, State.Waiting.Reason: "CrashLoopBackOff" },
            Deadline);

        var container = pod.Status!.ContainerStatuses[0];
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
        Assert.Equal(7, container.LastState?.Terminated?.ExitCode);
        Assert.Contains("restarting failed container=crash", container.State.Waiting!.Message);
        Assert.False(container.Ready);
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container()
    {
        await using var world = await WorldAsync();
        await world.AddPodAsync("sick", customize: spec => spec with
        {
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new Container
                {
                    Name = "sick",
                    Image = Image,
                    Command = ["sh", "-c", $"exec sleep {RuntimeScope.Marker()}"],
                    LivenessProbe = new Probe { Exec = new ExecAction { Command = ["sh", "-c", "exit 1"] }, PeriodSeconds = 1, FailureThreshold = 2 },
                },
            ],
        });

        var pod = await world.WaitForPodAsync("sick", p => p.Status?.ContainerStatuses.FirstOrDefault()?.RestartCount >= 1, Deadline);

        Assert.NotNull(pod.Status!.ContainerStatuses[0].LastState?.Terminated);
    }

    [Fact]
    public async Task Readiness_follows_the_probe()
    {
        await using var world = await WorldAsync();
        await world.AddPodAsync("slow", customize: spec => spec with
        {
            Containers =
            [
                new Container
                {
                    Name = "slow",
                    Image = Image,
                    Command = ["sh", "-c", $"sleep 2; touch ready; exec sleep {RuntimeScope.Marker()}"],
                    ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["test", "-f", "ready"] }, PeriodSeconds = 1 },
                },
            ],
        });

        var running = await world.WaitForPodAsync("slow", p => p.Status?.Phase == PodPhase.Running, Deadline);
        Assert.False(running.Status!.ContainerStatuses[0].Ready);
        Assert.Equal(WellKnown.ConditionFalse, Assert.Single(running.Status.Conditions, c => c.Type == WellKnown.PodReady).Status);

        var ready = await world.WaitForPodAsync("slow", p => p.Status?.ContainerStatuses.FirstOrDefault()?.Ready == true, Deadline);

        Assert.Equal(WellKnown.ConditionTrue, Assert.Single(ready.Status!.Conditions, c => c.Type == WellKnown.PodReady).Status);
    }

    [Fact]
    public async Task A_container_without_a_command_waits_with_its_reason_and_others_run()
    {
        await using var world = await WorldAsync();
        await world.AddPodAsync("image-only", customize: spec => spec with
        {
            Containers =
            [
                new Container { Name = "nginx", Image = "nginx:1.27" },
                new Container { Name = "sidecar", Image = Image, Command = ["sh", "-c", $"exec sleep {RuntimeScope.Marker()}"] },
            ],
        });

        var pod = await world.WaitForPodAsync(
            "image-only",
            p => p.Status?.ContainerStatuses.Any(c => c.State.Waiting?.Reason == "CreateContainerConfigError") == true
                 && p.Status.ContainerStatuses.Any(c => c.State.Running is not null),
            Deadline);

        var waiting = Assert.Single(pod.Status!.ContainerStatuses, c => c.Name == "nginx").State.Waiting!;
        Assert.Contains("has no command", waiting.Message);
        Assert.Equal(PodPhase.Pending, pod.Status.Phase);
    }

    private async Task<ClusterWorld> WorldAsync()
    {
        var world = new ClusterWorld(Client);
        await world.StartAsync();
        return world;
    }

    private static bool Ready(Node node) =>
        node.Status?.Conditions.Any(c => c.Type == WellKnown.NodeReady && c.Status == WellKnown.ConditionTrue) == true;

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold before the deadline");
            await Task.Delay(100);
        }
    }
}
