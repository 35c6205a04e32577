using OrleansKube.Kinds.Describe;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary>What <c>describe</c> shows beside the object: a deployment's replica sets, and the events about the object.</summary>
public sealed class DescribeEventsTests
{
    private readonly FakeCluster _cluster = new();

    private static readonly DeploymentRevision[] History =
    [
        new() { Revision = 1, TemplateHash = "7c5ddbdf54" },
        new() { Revision = 2, TemplateHash = "5d4cf56db6" },
    ];

    private static readonly Event[] Events =
    [
        TestObjects.Event("ScalingReplicaSet", "Scaled up replica set web-5d4cf56db6 to 3", TimeSpan.FromSeconds(12)),
        TestObjects.Event("ScalingReplicaSet", "Scaled down replica set web-7c5ddbdf54 to 0 from 3", TimeSpan.FromSeconds(5), count: 2, firstAgo: TimeSpan.FromMinutes(7)),

        // About an earlier deployment of the same name, another deployment, and one of the pods: none is this one's.
        TestObjects.Event("ScalingReplicaSet", "Scaled up replica set web-1111111111 to 1", TimeSpan.FromHours(2), uid: "uid-old-web"),
        TestObjects.Event("ScalingReplicaSet", "Scaled up replica set api-2222222222 to 1", TimeSpan.FromSeconds(30), name: "api", uid: "uid-api"),
        TestObjects.Event("Scheduled", "Successfully assigned default/web-1 to node-1", TimeSpan.FromSeconds(11), kind: "Pod", name: "web-1", uid: "uid-pod"),
    ];

    [Fact]
    public void Deployment_description_ends_with_its_replica_sets_and_events()
    {
        var text = Describer.Describe(Web(), TestObjects.Now, new DescribeExtras(Events, History));

        Assert.EndsWith(
            """
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   web-5d4cf56db6 (2/3 replicas created)
            Events:
              Type    Reason             Age              From                   Message
              ----    ------             ----             ----                   -------
              Normal  ScalingReplicaSet  12s              deployment-controller  Scaled up replica set web-5d4cf56db6 to 3
              Normal  ScalingReplicaSet  5s (x2 over 7m)  deployment-controller  Scaled down replica set web-7c5ddbdf54 to 0 from 3

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_history_the_replica_set_lines_are_left_out()
    {
        var text = Describer.Describe(Web(), TestObjects.Now, new DescribeExtras([]));

        Assert.DoesNotContain("ReplicaSet", text.Replace("NewReplicaSetAvailable", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("  Progressing   True    NewReplicaSetAvailable\nEvents:         <none>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_history_has_no_new_replica_set()
    {
        var text = Describer.Describe(Web(), TestObjects.Now, new DescribeExtras([], []));

        Assert.EndsWith("OldReplicaSets:  <none>\nNewReplicaSet:   <none>\nEvents:          <none>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_events_are_merged_with_the_schedulers_condition_by_time()
    {
        var text = Describer.Describe(Unschedulable(), TestObjects.Now, new DescribeExtras(
        [
            TestObjects.Event("Preempted", "Preempted by a higher priority pod", TimeSpan.FromMinutes(3), kind: "Pod", name: "big", uid: "uid-big", type: "Warning", component: "default-scheduler"),
            TestObjects.Event("Killing", "Stopping container a", TimeSpan.FromSeconds(2), kind: "Pod", name: "big", uid: "uid-big", component: "kubelet"),
            TestObjects.Event("Killing", "Stopping container a", TimeSpan.FromSeconds(1), kind: "Pod", name: "other", uid: "uid-other", component: "kubelet"),
        ]));

        Assert.EndsWith(
            """
            Events:
              Type     Reason            Age   From               Message
              ----     ------            ----  ----               -------
              Warning  Preempted         3m    default-scheduler  Preempted by a higher priority pod
              Warning  FailedScheduling  12s   default-scheduler  0/3 nodes are available: 3 Insufficient cpu.
              Normal   Killing           2s    kubelet            Stopping container a

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_scheduling_failure_replaces_the_one_read_from_the_condition()
    {
        var text = Describer.Describe(Unschedulable(), TestObjects.Now, new DescribeExtras(
        [
            TestObjects.Event(
                "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.", TimeSpan.FromSeconds(10), kind: "Pod", name: "big", uid: "uid-big",
                type: "Warning", component: "default-scheduler", count: 3, firstAgo: TimeSpan.FromSeconds(40)),
        ]));

        Assert.EndsWith(
            """
              ----     ------            ----               ----               -------
              Warning  FailedScheduling  10s (x3 over 40s)  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.

            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_deployment_reads_the_history_and_the_namespaces_events()
    {
        _cluster.Put(Web());
        _cluster.SetHistory("default/web", History);
        foreach (var e in Events)
        {
            _cluster.Record(e);
        }

        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("describe", "deploy", "web"));
        var lines = terminal.Out.Text.Split('\n');
        Assert.Contains("NewReplicaSet:   web-5d4cf56db6 (2/3 replicas created)", lines);
        Assert.Contains("  Normal  ScalingReplicaSet  12s              deployment-controller  Scaled up replica set web-5d4cf56db6 to 3", lines);
        Assert.DoesNotContain(lines, line => line.Contains("api-2222222222", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_works_when_events_cannot_be_listed()
    {
        _cluster.Put(Web());
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Record(Events[0]);
        _cluster.FailEventLists = true;

        foreach (var kind in new[] { "deployment", "pod" })
        {
            var terminal = TestTerminal.With(_cluster);
            Assert.Equal(0, await terminal.RunAsync("describe", kind));
            Assert.EndsWith("<none>\n", terminal.Out.Text, StringComparison.Ordinal);
            Assert.Contains("\nEvents:", terminal.Out.Text, StringComparison.Ordinal);
            Assert.Equal("", terminal.Error.Text);
        }
    }

    [Fact]
    public async Task Describe_pod_lists_the_pods_events()
    {
        var pod = TestObjects.RunningPod("web-1");
        _cluster.Put(pod with { Metadata = pod.Metadata with { Uid = "uid-pod" } });
        foreach (var e in Events)
        {
            _cluster.Record(e);
        }

        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("describe", "po", "web-1"));
        Assert.EndsWith(
            """
            Events:
              Type    Reason     Age   From                   Message
              ----    ------     ----  ----                   -------
              Normal  Scheduled  11s   deployment-controller  Successfully assigned default/web-1 to node-1

            """, terminal.Out.Text, StringComparison.Ordinal);
    }

    private static Deployment Web()
    {
        var deployment = TestObjects.Deployment("web");
        return deployment with
        {
            Metadata = deployment.Metadata with { Uid = "uid-web" },
            Status = deployment.Status! with
            {
                Conditions =
                [
                    .. deployment.Status.Conditions,
                    new DeploymentCondition { Type = "Progressing", Status = "True", Reason = "NewReplicaSetAvailable" },
                ],
            },
        };
    }

    private static Pod Unschedulable()
    {
        var pod = TestObjects.PendingPod("big");
        return pod with
        {
            Metadata = pod.Metadata with { Uid = "uid-big" },
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
                        Message = "0/3 nodes are available: 3 Insufficient cpu.",
                        LastTransitionTime = TestObjects.Now - TimeSpan.FromSeconds(12),
                    },
                ],
            },
        };
    }
}
