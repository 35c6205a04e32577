using OrleansKube.Client.Output;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube rollout status</c>: kubectl's messages for each state, printed once each, and how waiting ends.</summary>
public sealed class RolloutStatusTests
{
    private readonly FakeCluster _cluster = new();

    public static TheoryData<long, long, int, int, int, int, string?, string> States() => new()
    {
        { 2, 1, 3, 3, 3, 3, null, "Waiting for deployment spec update to be observed..." },
        { 2, 2, 3, 3, 1, 1, null, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..." },
        { 2, 2, 3, 4, 3, 2, null, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..." },
        { 2, 2, 3, 3, 3, 2, null, "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available..." },
        { 2, 2, 3, 3, 3, 3, null, "deployment \"web\" successfully rolled out" },
        { 2, 2, 0, 0, 0, 0, null, "deployment \"web\" successfully rolled out" },
        { 2, 2, 3, 3, 1, 1, "DeploymentPaused", "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..." },
        { 2, 2, 3, 3, 1, 1, "ProgressDeadlineExceeded", "deployment \"web\" exceeded its progress deadline" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void The_viewer_words_each_state_as_kubectl(
        long generation, long observed, int desired, int replicas, int updated, int available, string? progressing, string expected)
    {
        var state = DeploymentStatusViewer.Status(State(generation, observed, desired, replicas, updated, available, progressing));

        Assert.Equal(expected, state.Message);
        Assert.Equal(expected.EndsWith("rolled out", StringComparison.Ordinal), state.Done);
        Assert.Equal(progressing == "ProgressDeadlineExceeded", state.Failed);
    }

    [Fact]
    public void A_deployment_without_status_waits_for_its_spec_to_be_observed()
    {
        var deployment = TestObjects.Deployment("web");
        deployment = deployment with { Metadata = deployment.Metadata with { Generation = 1 }, Status = null };

        Assert.Equal("Waiting for deployment spec update to be observed...", DeploymentStatusViewer.Status(deployment).Message);
    }

    [Fact]
    public async Task Status_prints_each_new_message_once_until_the_rollout_is_done()
    {
        _cluster.Put(State(2, 1, 3, 3, 3, 3));
        _cluster.ScriptGets(
            State(2, 1, 3, 3, 3, 3),
            State(2, 2, 3, 3, 0, 0),
            State(2, 2, 3, 3, 1, 0),
            State(2, 2, 3, 3, 1, 0),
            State(2, 2, 3, 4, 3, 2),
            State(2, 2, 3, 3, 3, 2),
            State(2, 2, 3, 3, 3, 2),
            State(2, 2, 3, 3, 3, 3),
            State(3, 2, 3, 3, 3, 3));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "status", "deployment", "web"));
        Assert.Equal(
            """
            Waiting for deployment spec update to be observed...
            Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...
            Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
            Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
            Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...
            deployment "web" successfully rolled out

            """, terminal.Out.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Error.Text);

        // It stopped at the first finished state: the last scripted one (a newer generation) was never read.
        Assert.Equal(2, ((Deployment)_cluster.Find(Deployment.KindName, "default/web")!).Metadata.Generation);
    }

    [Fact]
    public async Task A_finished_rollout_is_reported_at_once()
    {
        _cluster.Put(State(1, 1, 2, 2, 2, 2, ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "status", "deploy/web", "-n", "demo"));
        Assert.Equal("deployment \"web\" successfully rolled out\n", terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_exceeded_progress_deadline_fails_with_exit_1()
    {
        _cluster.Put(State(1, 1, 3, 3, 1, 1));
        _cluster.ScriptGets(State(1, 1, 3, 3, 1, 1), State(1, 1, 3, 3, 1, 1, "ProgressDeadlineExceeded"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "status", "deployment", "web"));
        Assert.Equal(
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
            terminal.Out.Text.ReplaceLineEndings("\n"));
        Assert.Equal("error: deployment \"web\" exceeded its progress deadline\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Status_gives_up_after_the_timeout()
    {
        _cluster.Put(State(1, 1, 3, 3, 1, 1));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "status", "deployment", "web", "--timeout", "100ms"));
        Assert.Equal(
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
            terminal.Out.Text.ReplaceLineEndings("\n"));
        Assert.Equal("error: timed out waiting for the condition\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Without_watch_the_status_is_printed_once()
    {
        _cluster.Put(State(1, 1, 3, 3, 1, 1));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "status", "deployment", "web", "--watch=false"));
        Assert.Equal(
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
            terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Ctrl_c_ends_the_wait_quietly()
    {
        _cluster.Put(State(1, 1, 3, 3, 1, 1));
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["rollout", "status", "deployment", "web"], interrupt.Token);
        await Eventually.TrueAsync(() => terminal.Out.Text.Length > 0);
        await interrupt.CancelAsync();

        Assert.Equal(130, await run);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task A_deployment_deleted_while_waiting_ends_the_wait()
    {
        _cluster.Put(State(1, 1, 3, 3, 1, 1));
        var terminal = TestTerminal.With(_cluster);

        var run = terminal.RunAsync("rollout", "status", "deployment", "web");
        await Eventually.TrueAsync(() => terminal.Out.Text.Length > 0);
        _cluster.Remove(Deployment.KindName, "default/web");

        Assert.Equal(1, await run);
        Assert.Equal("error: object has been deleted\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_missing_deployment_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "status", "deployment", "ghost"));
        Assert.Equal("error: deployments.apps \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Other_kinds_have_no_status_viewer()
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("rollout", "status", "pod/web"));
        Assert.Equal("error: no status viewer has been implemented for Pod\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, terminal.Connections);
    }

    private static Deployment State(
        long generation, long observed, int desired, int replicas, int updated, int available, string? progressing = null, string ns = "default")
    {
        var deployment = TestObjects.Deployment("web", replicas: desired, ns: ns);
        return deployment with
        {
            Metadata = deployment.Metadata with { Generation = generation },
            Status = new DeploymentStatus
            {
                ObservedGeneration = observed,
                Replicas = replicas,
                UpdatedReplicas = updated,
                ReadyReplicas = available,
                AvailableReplicas = available,
                UnavailableReplicas = Math.Max(0, replicas - available),
                Conditions = progressing is null
                    ? []
                    : [new DeploymentCondition { Type = "Progressing", Status = progressing == "DeploymentPaused" ? "Unknown" : "False", Reason = progressing }],
            },
        };
    }
}
