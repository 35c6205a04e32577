namespace OrleansKube.Tests.Client;

/// <summary><c>get -w</c> against <see cref="FakeCluster"/>: rows follow the table, expired watches recover, Ctrl+C exits 0.</summary>
public sealed class WatchTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Rows_of_changed_objects_follow_the_table_until_cancelled()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["get", "pods", "-w"], interrupt.Token);
        await Eventually.TrueAsync(() => _cluster.Watches == 1);
        _cluster.Put(TestObjects.PendingPod("web-2"));
        await Eventually.TrueAsync(() => terminal.Out.Text.Contains("web-2", StringComparison.Ordinal));
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(
            "NAME    READY   STATUS    RESTARTS   AGE\n" +
            "web-1   1/1     Running   0          5m\n" +
            "web-2   0/2     Pending   0          45s\n",
            terminal.Out.Text);
    }

    [Fact]
    public async Task An_expired_watch_lists_again_and_goes_on()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.ExpireNextWatches(1);
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["get", "pods", "-w", "-o", "name"], interrupt.Token);
        await Eventually.TrueAsync(() => _cluster.Watches == 2);
        _cluster.Put(TestObjects.PendingPod("web-2"));
        await Eventually.TrueAsync(() => terminal.Out.Text.Contains("web-2", StringComparison.Ordinal));
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("pod/web-1\npod/web-2\n", terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task All_namespaces_follow_namespaces_created_meanwhile()
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["get", "pods", "-A", "-w"], interrupt.Token);
        await Eventually.TrueAsync(() => _cluster.Watches == 2);
        _cluster.Put(TestObjects.Namespace("demo"));
        await Eventually.TrueAsync(() => _cluster.Watches == 3);
        _cluster.Put(TestObjects.RunningPod("api-0", ns: "demo"));
        await Eventually.TrueAsync(() => terminal.Out.Text.Contains("api-0", StringComparison.Ordinal));
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(
            "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE\n" +
            "default     web-1   1/1     Running   0          5m\n" +
            "demo        api-0   1/1     Running   0          5m\n",
            terminal.Out.Text);
    }

    [Fact]
    public async Task Watching_one_object_ignores_the_others()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["get", "pod", "web-1", "-w", "-o", "name"], interrupt.Token);
        await Eventually.TrueAsync(() => _cluster.Watches == 1);
        _cluster.Put(TestObjects.PendingPod("web-2"));
        _cluster.Put(TestObjects.RunningPod("web-1", restarts: 1));
        await Eventually.TrueAsync(() => terminal.Out.Text.Split('\n').Length == 3);
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("pod/web-1\npod/web-1\n", terminal.Out.Text);
    }
}
