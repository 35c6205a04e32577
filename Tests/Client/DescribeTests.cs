using System.Collections.Immutable;
using OrleansKube.Kinds.Describe;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

public sealed class DescribeTests
{
    [Fact]
    public void Namespace_is_described_as_kubectl_does()
    {
        Assert.Equal(
            """
            Name:         demo
            Labels:       <none>
            Annotations:  <none>
            Status:       Active

            """, Describer.Describe(TestObjects.Namespace("demo"), TestObjects.Now));
    }

    [Fact]
    public void Pod_description_has_kubectls_sections_aligned()
    {
        var pod = TestObjects.RunningPod("web-1");
        pod = pod with
        {
            Metadata = pod.Metadata with { OwnerReferences = [new OwnerReference { Kind = "Deployment", Name = "web", Controller = true }] },
            Spec = pod.Spec with
            {
                Containers =
                [
                    pod.Spec.Containers[0] with
                    {
                        Command = ["/bin/sh", "-c"],
                        Args = ["sleep 3600"],
                        Env = [new EnvVar { Name = "MODE", Value = "prod" }],
                        Ports = [new ContainerPort { Number = 8080 }],
                        LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = 8080 } },
                        ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/ready"] }, PeriodSeconds = 5 },
                    },
                ],
                Tolerations = [new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 }],
            },
        };

        var lines = Describer.Describe(pod, TestObjects.Now).Split('\n');

        Assert.Contains("Name:         web-1", lines);
        Assert.Contains("Namespace:    default", lines);
        Assert.Contains("Node:         node-1/192.168.1.10", lines);
        Assert.Contains("Start Time:   Mon, 06 May 2024 11:56:00 +0000", lines);
        Assert.Contains("Labels:       app=web", lines);
        Assert.Contains("Status:       Running", lines);
        Assert.Contains("IP:           10.1.0.7", lines);
        Assert.Contains("Controlled By:  Deployment/web", lines);
        Assert.Contains("Containers:", lines);
        Assert.Contains("  web:", lines);
        Assert.Contains("    Image:         nginx:1.25", lines);
        Assert.Contains("    Port:          8080/TCP", lines);
        Assert.Contains("      /bin/sh", lines);
        Assert.Contains("    State:          Running", lines);
        Assert.Contains("    Ready:          True", lines);
        Assert.Contains("    Restart Count:  0", lines);
        Assert.Contains("    Liveness:       http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3", lines);
        Assert.Contains("    Readiness:      exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3", lines);
        Assert.Contains("      MODE:  prod", lines);
        Assert.Contains("  Ready          True", lines);
        Assert.Contains("Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s", lines);
        Assert.Equal("Events:          <none>", lines[^2]);
    }

    [Fact]
    public void An_unschedulable_pod_shows_the_schedulers_warning_as_an_event()
    {
        var pod = TestObjects.PendingPod("big") with
        {
            Status = new PodStatus
            {
                Phase = "Pending",
                Conditions =
                [
                    new PodCondition
                    {
                        Type = "PodScheduled",
                        Status = "False",
                        Reason = "Unschedulable",
                        Message = "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) were unschedulable.",
                        LastTransitionTime = TestObjects.Now - TimeSpan.FromSeconds(12),
                    },
                ],
            },
        };

        var text = Describer.Describe(pod, TestObjects.Now);

        Assert.Contains("Node:         <none>\n", text, StringComparison.Ordinal);
        Assert.Contains("  PodScheduled   False\n", text, StringComparison.Ordinal);
        Assert.EndsWith(
            """
            Events:
              Type     Reason            Age   From               Message
              ----     ------            ----  ----               -------
              Warning  FailedScheduling  12s   default-scheduler  0/3 nodes are available: 2 Insufficient cpu, 1 node(s) were unschedulable.

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scheduling_warnings_age_falls_back_to_the_last_probe()
    {
        var pod = TestObjects.PendingPod("big") with
        {
            Status = new PodStatus
            {
                Conditions = [new PodCondition { Type = "PodScheduled", Status = "False", Message = "no nodes", LastProbeTime = TestObjects.Now - TimeSpan.FromMinutes(3) }],
            },
        };

        Assert.EndsWith("  Warning  FailedScheduling  3m    default-scheduler  no nodes\n", Describer.Describe(pod, TestObjects.Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_pod_has_no_events()
    {
        var pod = TestObjects.RunningPod("web-1");
        pod = pod with { Status = pod.Status! with { Conditions = [new PodCondition { Type = "PodScheduled", Status = "True" }] } };

        Assert.EndsWith("\nEvents:          <none>\n", Describer.Describe(pod, TestObjects.Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("node-1", null, "node-1")]
    [InlineData("node-1", "", "node-1")]
    [InlineData("node-1", "10.0.0.1", "node-1/10.0.0.1")]
    public void Node_is_the_name_and_host_ip_of_a_bound_pod(string? nodeName, string? hostIP, string? expected)
    {
        var pod = TestObjects.PendingPod("p");
        pod = pod with { Spec = pod.Spec with { NodeName = nodeName }, Status = new PodStatus { HostIP = hostIP } };

        Assert.Equal(expected, PodDescriber.NodeOf(pod));
    }

    [Fact]
    public void Waiting_and_terminated_containers_show_their_reasons()
    {
        var pod = TestObjects.PendingPod("p") with
        {
            Status = new PodStatus
            {
                Phase = "Running",
                ContainerStatuses =
                [
                    new ContainerStatus { Name = "a", RestartCount = 4, State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } } },
                    new ContainerStatus { Name = "b", State = new ContainerState { Terminated = new ContainerStateTerminated { Reason = "Error", ExitCode = 2 } } },
                ],
            },
        };

        var text = Describer.Describe(pod, TestObjects.Now);

        Assert.Contains("    State:          Waiting\n      Reason:       CrashLoopBackOff\n", text, StringComparison.Ordinal);
        Assert.Contains("    Restart Count:  4\n", text, StringComparison.Ordinal);
        Assert.Contains("    State:          Terminated\n      Reason:       Error\n      Exit Code:    2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_description_shows_replicas_strategy_and_template()
    {
        var lines = Describer.Describe(TestObjects.Deployment("web"), TestObjects.Now).Split('\n');

        Assert.Contains("Name:                   web", lines);
        Assert.Contains("Selector:               app=web", lines);
        Assert.Contains("Replicas:               3 desired | 2 updated | 3 total | 2 available | 1 unavailable", lines);
        Assert.Contains("StrategyType:           RollingUpdate", lines);
        Assert.Contains("MinReadySeconds:        0", lines);
        Assert.Contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge", lines);
        Assert.Contains("Pod Template:", lines);
        Assert.Contains("  Labels:  app=web", lines);
        Assert.Contains("  Containers:", lines);
        Assert.Contains("   web:", lines);
        Assert.Contains("    Image:      nginx:1.25", lines);
        Assert.Contains("      cpu:        500m", lines);
        Assert.Contains("  Available   True    MinimumReplicasAvailable", lines);
        Assert.Contains("Events:       <none>", lines);
    }

    [Fact]
    public void Deployment_strategy_shows_its_own_bounds()
    {
        var deployment = TestObjects.Deployment("web");
        deployment = deployment with
        {
            Spec = deployment.Spec with { Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = "0%" } } },
        };

        Assert.Contains("RollingUpdateStrategy:  0% max unavailable, 1 max surge\n", Describer.Describe(deployment, TestObjects.Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_description_shows_conditions_addresses_and_resources()
    {
        var text = Describer.Describe(TestObjects.Node("node-1", cordoned: true), TestObjects.Now);
        var lines = text.Split('\n');

        Assert.Contains("Name:               node-1", lines);
        Assert.Contains("Roles:              control-plane", lines);
        Assert.Contains("Taints:             dedicated=infra:NoSchedule", lines);
        Assert.Contains("Unschedulable:      true", lines);
        Assert.Contains("  Ready   True    <unknown>          <unknown>           KubeletReady   kubelet is posting ready status", lines);
        Assert.Contains("Addresses:\n  InternalIP:  192.168.1.10\n  Hostname:    node-1\n", text, StringComparison.Ordinal);
        Assert.Contains("Allocatable:\n  cpu:     3800m\n  memory:  7Gi\n  pods:    110\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\tb\naa\tb\n", "a   b\naa  b\n")]
    [InlineData("x:\t1\nSection:\nlonger:\t2\n", "x:  1\nSection:\nlonger:  2\n")]
    [InlineData("a\tb\tc\nlong\tb\tc\nz\n", "a     b  c\nlong  b  c\nz\n")]
    [InlineData("k:\tv\n\tcontinued\n", "k:  v\n    continued\n")]
    public void Elastic_tabs_align_columns_per_block_like_go_tabwriter(string text, string expected) =>
        Assert.Equal(expected, ElasticTabs.Format(text));

    [Fact]
    public void Quality_of_service_follows_requests_and_limits()
    {
        var limits = ImmutableSortedDictionary<string, Quantity>.Empty.Add("cpu", Quantity.Parse("1")).Add("memory", Quantity.Parse("1Gi"));
        Container With(ResourceRequirements resources) => new() { Name = "c", Resources = resources };

        Assert.Equal("BestEffort", PodDescriber.QosClass(new PodSpec { Containers = [With(new())] }));
        Assert.Equal("Guaranteed", PodDescriber.QosClass(new PodSpec { Containers = [With(new() { Limits = limits })] }));
        Assert.Equal("Burstable", PodDescriber.QosClass(new PodSpec { Containers = [With(new() { Requests = limits.SetItem("cpu", Quantity.Parse("500m")), Limits = limits })] }));
    }
}
