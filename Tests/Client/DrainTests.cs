using OrleansKube.Client.Commands;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube drain</c> against <see cref="FakeCluster"/>: cordons, refuses to lose unowned pods, evicts and waits, in kubectl's lines.</summary>
public sealed class DrainTests
{
    private const string Refusal = "cannot delete Pods that declare no controller (use --force to override): default/hello";

    private readonly FakeCluster _cluster = new();

    public DrainTests()
    {
        _cluster.Put(TestObjects.Node("node-1"));
        _cluster.Put(TestObjects.Node("node-2"));
        _cluster.Put(TestObjects.Owned(TestObjects.RunningPod("web-1")));
        _cluster.Put(TestObjects.Owned(TestObjects.RunningPod("web-2")));
        var elsewhere = TestObjects.Owned(TestObjects.RunningPod("web-3"));
        _cluster.Put(elsewhere with { Spec = elsewhere.Spec with { NodeName = "node-2" } });
    }

    private Node Node1 => (Node)_cluster.Find(Node.KindName, "node-1")!;

    private bool Exists(string pod) => _cluster.Find(Pod.KindName, "default/" + pod) is not null;

    public static TheoryData<string?, bool, bool> Pods() => new()
    {
        { null, true, false },
        { "Running", false, true },
        { "Pending", false, true },
        { null, false, true },
        { PodPhase.Succeeded, false, false },
        { PodPhase.Failed, false, false },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Only_running_pods_without_a_controller_would_be_lost(string? phase, bool controlled, bool lost)
    {
        var pod = TestObjects.RunningPod("p");
        pod = pod with
        {
            Status = pod.Status! with { Phase = phase },
            Metadata = pod.Metadata with
            {
                OwnerReferences = [new OwnerReference { Kind = "Deployment", Name = "web", Controller = controlled ? true : null }],
            },
        };

        Assert.Equal(lost, NodeDrainer.DeclaresNoController(pod));
    }

    [Fact]
    public async Task Drain_cordons_the_node_and_evicts_its_pods_only()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("drain", "node-1"));
        Assert.Equal(
            "node/node-1 cordoned\n" +
            "evicting pod default/web-1\n" +
            "evicting pod default/web-2\n" +
            "pod/web-1 evicted\n" +
            "pod/web-2 evicted\n" +
            "node/node-1 drained\n",
            terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
        Assert.True(Node1.Spec.Unschedulable);
        Assert.False(Exists("web-1"));
        Assert.False(Exists("web-2"));
        Assert.True(Exists("web-3"));
    }

    [Fact]
    public async Task Drain_of_an_empty_cordoned_node_says_both()
    {
        Assert.Equal(0, await TestTerminal.With(_cluster).RunAsync("cordon", "node-1"));
        _cluster.Remove(Pod.KindName, "default/web-1");
        _cluster.Remove(Pod.KindName, "default/web-2");
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("drain", "node-1"));
        Assert.Equal("node/node-1 already cordoned\nnode/node-1 drained\n", terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task Kubectls_usual_flags_are_accepted()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("drain", "node-2", "--ignore-daemonsets", "--delete-emptydir-data", "--grace-period", "5", "--timeout", "1m"));
        Assert.Equal("node/node-2 cordoned\nevicting pod default/web-3\npod/web-3 evicted\nnode/node-2 drained\n", terminal.Out.Text);
        Assert.False(Exists("web-3"));
    }

    [Fact]
    public async Task Drain_refuses_pods_no_controller_owns_and_deletes_nothing()
    {
        _cluster.Put(TestObjects.RunningPod("hello"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("drain", "node-1"));
        Assert.Equal("node/node-1 cordoned\n", terminal.Out.Text);
        Assert.Equal(
            $"error: unable to drain node \"node-1\" due to error: {Refusal}, continuing command...\n" +
            "There are pending nodes to be drained:\n" +
            " node-1\n" +
            $"error: {Refusal}\n",
            terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.True(Node1.Spec.Unschedulable);
        Assert.True(Exists("hello") && Exists("web-1") && Exists("web-2"));
    }

    [Fact]
    public async Task Drain_with_force_evicts_unowned_pods_too_with_a_warning()
    {
        _cluster.Put(TestObjects.RunningPod("hello"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("drain", "node-1", "--force"));
        Assert.Equal("Warning: deleting Pods that declare no controller: default/hello\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(
            "node/node-1 cordoned\n" +
            "evicting pod default/hello\nevicting pod default/web-1\nevicting pod default/web-2\n" +
            "pod/hello evicted\npod/web-1 evicted\npod/web-2 evicted\n" +
            "node/node-1 drained\n",
            terminal.Out.Text);
        Assert.False(Exists("hello") || Exists("web-1") || Exists("web-2"));
    }

    [Fact]
    public async Task Finished_pods_are_evicted_without_force()
    {
        var done = TestObjects.RunningPod("job-1");
        _cluster.Put(done with { Status = done.Status! with { Phase = PodPhase.Succeeded } });
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("drain", "node-1"));
        Assert.Equal("", terminal.Error.Text);
        Assert.Contains("pod/job-1 evicted\n", terminal.Out.Text, StringComparison.Ordinal);
        Assert.False(Exists("job-1"));
    }

    [Fact]
    public async Task Drain_waits_until_each_pod_is_gone()
    {
        _cluster.HoldPodDeletes("default/web-2");
        var terminal = TestTerminal.With(_cluster);

        var run = terminal.RunAsync("drain", "node-1");
        await Eventually.TrueAsync(() => ((Pod?)_cluster.Find(Pod.KindName, "default/web-2"))?.Metadata.DeletionTimestamp is not null);
        var gets = _cluster.Gets(Pod.KindName, "default/web-2");
        await Eventually.TrueAsync(() => _cluster.Gets(Pod.KindName, "default/web-2") >= gets + 3);

        Assert.False(run.IsCompleted);
        Assert.Equal("node/node-1 cordoned\nevicting pod default/web-1\nevicting pod default/web-2\npod/web-1 evicted\n", terminal.Out.Text);
        _cluster.Remove(Pod.KindName, "default/web-2");
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.EndsWith("pod/web-1 evicted\npod/web-2 evicted\nnode/node-1 drained\n", terminal.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_made_again_under_its_name_counts_as_evicted()
    {
        _cluster.HoldPodDeletes("default/web-2");
        var terminal = TestTerminal.With(_cluster);

        var run = terminal.RunAsync("drain", "node-1");
        await Eventually.TrueAsync(() => ((Pod?)_cluster.Find(Pod.KindName, "default/web-2"))?.Metadata.DeletionTimestamp is not null);
        var again = TestObjects.Owned(TestObjects.RunningPod("web-2"));
        _cluster.Remove(Pod.KindName, "default/web-2");
        _cluster.Put(again with { Metadata = again.Metadata with { Uid = "uid-web-2-again" }, Spec = again.Spec with { NodeName = "node-2" } });

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.EndsWith("pod/web-2 evicted\nnode/node-1 drained\n", terminal.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_gives_up_at_its_timeout_and_names_the_pods_left()
    {
        _cluster.HoldPodDeletes("default/web-2");
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("drain", "node-1", "--timeout", "200ms").WaitAsync(TimeSpan.FromSeconds(10)));
        var error = "error when waiting for pod \"web-2\" terminating: global timeout reached: 200ms";
        Assert.Equal(
            $"There are pending pods in node \"node-1\" when an error occurred: {error}\n" +
            "pod/web-2\n" +
            $"error: unable to drain node \"node-1\" due to error: {error}, continuing command...\n" +
            "There are pending nodes to be drained:\n" +
            " node-1\n" +
            $"error: {error}\n",
            terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("node/node-1 cordoned\nevicting pod default/web-1\nevicting pod default/web-2\npod/web-1 evicted\n", terminal.Out.Text);
        Assert.True(Exists("web-2"));
    }

    [Fact]
    public async Task Drain_of_a_missing_node_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("drain", "ghost"));
        Assert.Equal("error: nodes \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }
}
