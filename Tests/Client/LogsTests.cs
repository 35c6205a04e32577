using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube logs</c> against <see cref="FakeCluster"/>: which container, which node, kubectl's refusals, and following.</summary>
public sealed class LogsTests
{
    private readonly FakeCluster _cluster = new();

    public LogsTests()
    {
        // web-1 runs one container on node-1; multi runs two on node-2; pending is not bound to any node.
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.SetLog("default/web-1", "web", "one\ntwo\nthree\n");
        _cluster.SetLog("default/web-1", "web", "crashed\n", previous: true);

        var multi = TestObjects.RunningPod("multi");
        _cluster.Put(multi with
        {
            Spec = multi.Spec with { NodeName = "node-2", Containers = [new Container { Name = "a" }, new Container { Name = "b" }] },
        });
        _cluster.SetLog("default/multi", "a", "from a\n");
        _cluster.SetLog("default/multi", "b", "from b\n");

        _cluster.Put(TestObjects.RunningPod("api-0", ns: "demo"));
        _cluster.SetLog("demo/api-0", "web", "api says hi\n");

        _cluster.Put(TestObjects.PendingPod("pending"));
    }

    public static TheoryData<string[], int, string, string> Reads() => new()
    {
        { ["logs", "web-1"], 0, "one\ntwo\nthree\n", "" },
        { ["logs", "web-1", "-c", "web"], 0, "one\ntwo\nthree\n", "" },
        { ["logs", "multi", "-c", "b"], 0, "from b\n", "" },
        { ["logs", "multi", "--container", "a"], 0, "from a\n", "" },
        { ["logs", "api-0", "-n", "demo"], 0, "api says hi\n", "" },
        { ["logs", "web-1", "--tail", "2"], 0, "two\nthree\n", "" },
        { ["logs", "web-1", "--tail", "0"], 0, "", "" },
        { ["logs", "web-1", "--tail", "-1"], 0, "one\ntwo\nthree\n", "" },
        { ["logs", "web-1", "-p"], 0, "crashed\n", "" },
        { ["logs", "multi"], 1, "", "error: a container name must be specified for pod multi, choose one of: [a b]\n" },
        { ["logs", "multi", "-c", "c"], 1, "", "error: container c is not valid for pod multi\n" },
        { ["logs", "web-1", "-c", "sidecar"], 1, "", "error: container sidecar is not valid for pod web-1\n" },
        { ["logs", "ghost"], 1, "", "error: pods \"ghost\" not found\n" },
        { ["logs", "api-0"], 1, "", "error: pods \"api-0\" not found\n" },
        { ["logs", "pending", "-c", "a"], 1, "", "error: pod \"pending\" is not scheduled yet\n" },
        { ["logs", "pending", "-c", "x"], 1, "", "error: container x is not valid for pod pending\n" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Logs_prints_the_chosen_container_log_or_refuses_as_kubectl(string[] args, int exitCode, string output, string error)
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(exitCode, await terminal.RunAsync(args));
        Assert.Equal(output, terminal.Out.Text);
        Assert.Equal(error, terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.True(exitCode == 0 || _cluster.LogReads.Count == 0, "a refused command read no log");
    }

    [Theory]
    [InlineData(new string[0], null, false)]
    [InlineData(new[] { "--tail", "2" }, 2, false)]
    [InlineData(new[] { "--tail", "-5" }, null, false)]
    [InlineData(new[] { "-p", "--tail", "1" }, 1, true)]
    public async Task The_node_of_the_pod_is_asked_for_what_the_flags_say(string[] flags, int? tailLines, bool previous)
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync(["logs", "web-1", .. flags]));
        var read = Assert.Single(_cluster.LogReads);
        Assert.Equal("node-1", read.Node);
        Assert.Equal(("default", "web-1", "web"), (read.Request.Namespace, read.Request.Name, read.Request.Container));
        Assert.Equal(tailLines, read.Request.TailLines);
        Assert.Equal(previous, read.Request.Previous);
        Assert.Null(read.Request.Offset);
    }

    [Fact]
    public async Task A_log_longer_than_one_read_is_read_whole()
    {
        var log = new string('x', PodLogStream.ChunkBytes - 1) + "\n" + "the end\n";
        _cluster.SetLog("default/web-1", "web", log);
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("logs", "web-1"));
        Assert.Equal(log, terminal.Out.Text);
        Assert.Equal([null, PodLogStream.ChunkBytes], _cluster.LogReads.Select(r => r.Request.Offset));
    }

    [Fact]
    public async Task An_unreachable_kubelet_fails_the_command()
    {
        _cluster.FailNextLogReads(1);
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("logs", "web-1"));
        Assert.Equal("error: the kubelet of node \"node-1\" cannot be reached\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    [Fact]
    public async Task Follow_reads_on_from_where_each_read_ended_until_interrupted()
    {
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["logs", "web-1", "-f", "--tail", "1"], interrupt.Token);
        await Eventually.TrueAsync(() => terminal.Out.Text == "three\n");
        _cluster.AppendLog("default/web-1", "web", "four\n");
        await Eventually.TrueAsync(() => terminal.Out.Text == "three\nfour\n");
        _cluster.AppendLog("default/web-1", "web", "five\n");
        await Eventually.TrueAsync(() => terminal.Out.Text == "three\nfour\nfive\n");
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("", terminal.Error.Text);
        var reads = _cluster.LogReads;
        Assert.True(reads.Count >= 3, $"{reads.Count} reads");
        Assert.Equal((1, (long?)null), (reads[0].Request.TailLines, reads[0].Request.Offset));
        for (var i = 1; i < reads.Count; i++)
        {
            Assert.Equal(reads[i - 1].NextOffset, reads[i].Request.Offset);
            Assert.Null(reads[i].Request.TailLines);
        }
    }

    [Fact]
    public async Task Follow_rides_out_an_unreachable_kubelet_quietly()
    {
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["logs", "web-1", "-f"], interrupt.Token);
        await Eventually.TrueAsync(() => terminal.Out.Text == "one\ntwo\nthree\n");
        _cluster.FailNextLogReads(3);
        await Eventually.TrueAsync(() => _cluster.UnavailableLogReadsLeft == 0);
        _cluster.AppendLog("default/web-1", "web", "four\n");
        await Eventually.TrueAsync(() => terminal.Out.Text == "one\ntwo\nthree\nfour\n");
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task Follow_ends_when_the_pod_is_gone()
    {
        var terminal = TestTerminal.With(_cluster);

        var run = terminal.RunAsync("logs", "web-1", "-f");
        await Eventually.TrueAsync(() => terminal.Out.Text == "one\ntwo\nthree\n");
        _cluster.Remove(Pod.KindName, "default/web-1");

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("one\ntwo\nthree\n", terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task Follow_ends_when_the_pod_has_finished_after_printing_its_last_lines()
    {
        var terminal = TestTerminal.With(_cluster);

        var run = terminal.RunAsync("logs", "web-1", "-f");
        await Eventually.TrueAsync(() => terminal.Out.Text == "one\ntwo\nthree\n");
        _cluster.AppendLog("default/web-1", "web", "bye\n");
        var pod = (Pod)_cluster.Find(Pod.KindName, "default/web-1")!;
        _cluster.Put(pod with { Status = pod.Status! with { Phase = PodPhase.Succeeded } });

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("one\ntwo\nthree\nbye\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Follow_of_a_previous_run_reads_once()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("logs", "web-1", "-f", "-p").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("crashed\n", terminal.Out.Text);
        Assert.Single(_cluster.LogReads);
    }
}
