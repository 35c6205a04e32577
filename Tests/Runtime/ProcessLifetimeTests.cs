using System.Diagnostics;
using System.Globalization;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

/// <summary>Stopping containers, limits that kill, and that no process outlives its container or runtime.</summary>
public sealed class ProcessLifetimeTests
{
    [Fact]
    public async Task Stop_sends_SIGTERM_to_the_container_which_may_exit_cleanly()
    {
        await using var scope = new RuntimeScope();
        var container = await scope.StartAsync("sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        await Processes.EventuallyAsync(() => scope.Log().Contains("ready", StringComparison.Ordinal), "the trap being set");

        var stopping = Stopwatch.StartNew();
        var exit = await container.StopAsync(TimeSpan.FromSeconds(20), CancellationToken.None).Within(30);

        Assert.Equal(new ContainerExit(0, null, "Completed", exit.FinishedAt), exit);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"took {stopping.Elapsed}, as if the grace period ran out");
        Assert.Equal("ready\nbye\n", scope.Log());
    }

    [Fact]
    public async Task Stop_ends_a_program_without_a_SIGTERM_handler_at_once_though_it_heads_its_PID_namespace()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();
        var container = await scope.StartAsync("sleep", marker);
        await Processes.EventuallyAsync(() => Processes.Sleeping(marker).Count == 1, "the sleep starting");

        var stopping = Stopwatch.StartNew();
        var exit = await container.StopAsync(TimeSpan.FromSeconds(20), CancellationToken.None).Within(30);

        Assert.Equal((143, 15, "Error"), (exit.ExitCode, exit.Signal, exit.Reason));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"took {stopping.Elapsed}, as if SIGTERM had been ignored");
    }

    [Fact]
    public async Task Stop_kills_a_container_that_ignores_SIGTERM_when_the_grace_period_ends()
    {
        await using var scope = new RuntimeScope();
        var container = await scope.StartAsync("sh", "-c", "trap '' TERM; echo ready; sleep 30");
        await Processes.EventuallyAsync(() => scope.Log().Contains("ready", StringComparison.Ordinal), "the trap being set");

        var stopping = Stopwatch.StartNew();
        var exit = await container.StopAsync(TimeSpan.FromSeconds(1), CancellationToken.None).Within();

        Assert.Equal((137, 9, "Error"), (exit.ExitCode, exit.Signal, exit.Reason));
        Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(0.9), $"killed after {stopping.Elapsed}, before the grace period ended");
    }

    [Fact]
    public async Task A_container_killed_from_outside_reports_SIGKILL_and_nothing_of_the_launcher_in_its_log()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();
        var container = await scope.StartAsync("sleep", marker);
        await Processes.EventuallyAsync(() => Processes.Sleeping(marker).Count == 1, "the sleep starting");

        using (var sleep = Process.GetProcessById(Processes.Sleeping(marker)[0]))
        {
            sleep.Kill();
        }

        var exit = await container.Exited.Within();

        Assert.Equal((137, 9, "Error"), (exit.ExitCode, exit.Signal, exit.Reason));
        Assert.Equal("", scope.Log());
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_OOMKilled()
    {
        await using var scope = new RuntimeScope();
        Assert.True(scope.Runtime.Limits.Enforced, $"cgroups are needed for this test: {scope.Runtime.Limits.Message}");
        var launch = scope.Launch(["tail", "/dev/zero"], memoryLimitBytes: 32 * 1024 * 1024);

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        var exit = await container.Exited.Within(20);

        Assert.Equal((137, 9, "OOMKilled"), (exit.ExitCode, exit.Signal, exit.Reason));
    }

    [Fact]
    public async Task A_container_has_cgroups_of_its_own_with_its_limits_until_it_exits()
    {
        await using var scope = new RuntimeScope();
        Assert.True(scope.Runtime.Limits.Enforced, $"cgroups are needed for this test: {scope.Runtime.Limits.Message}");
        string Node(string controller) => Path.Combine(scope.Options.CgroupRoot, controller, "okube", scope.NodeName);
        var launch = scope.Launch(["sleep", RuntimeScope.Marker()], memoryLimitBytes: 64 * 1024 * 1024, cpuLimitMillicores: 250);

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        var memory = Assert.Single(Directory.GetDirectories(Node("memory")));
        var cpu = Assert.Single(Directory.GetDirectories(Node("cpu")));
        var settings = (
            File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes")).Trim(),
            File.ReadAllText(Path.Combine(cpu, "cpu.cfs_quota_us")).Trim(),
            File.ReadAllText(Path.Combine(cpu, "cpu.cfs_period_us")).Trim());
        // The launch script joins the groups before it starts the command; under load that can come after StartAsync returns.
        var pid = container.Id["process://".Length..];
        await Processes.EventuallyAsync(() => File.ReadAllText(Path.Combine(memory, "cgroup.procs")).Split('\n').Contains(pid), "the container joining its memory cgroup");
        await container.StopAsync(TimeSpan.Zero, CancellationToken.None).Within();

        Assert.Equal($"{launch.PodUid}_{launch.Container.Name}_1", Path.GetFileName(memory));
        Assert.Equal(("67108864", "25000", "100000"), settings);
        Assert.Empty(Directory.GetDirectories(Node("memory")));
        Assert.Empty(Directory.GetDirectories(Node("cpu")));
        Assert.Empty(Directory.GetDirectories(Node("cpuacct")));
    }

    [Fact]
    public async Task Children_die_with_the_containers_first_process()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();

        var container = await scope.StartAsync("sh", "-c", $"sleep {marker} & echo started");
        await Processes.EventuallyAsync(() => scope.Log().Contains("started", StringComparison.Ordinal), "the container's start");
        var exit = await container.Exited.Within();

        Assert.Equal(0, exit.ExitCode);
        Assert.Empty(Processes.WithMarker(marker));
    }

    [Fact]
    public async Task A_container_outlives_the_thread_that_started_it()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();
        IRunningContainer? container = null;

        // The kernel's parent-death signal follows the forking thread; a thread ending here must not end the container.
        var starter = new Thread(() => container = scope.StartAsync("sleep", marker).GetAwaiter().GetResult());
        starter.Start();
        starter.Join();
        await Processes.EventuallyAsync(() => Processes.Sleeping(marker).Count == 1, "the sleep starting");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Assert.False(container!.Exited.IsCompleted, "the container ended with the thread that started it");
            await Task.Delay(20);
        }

        Assert.Single(Processes.Sleeping(marker));
    }

    [Fact]
    public async Task Dispose_kills_every_container_and_everything_they_started()
    {
        var scope = new RuntimeScope();
        var (first, second, third) = (RuntimeScope.Marker(), RuntimeScope.Marker(), RuntimeScope.Marker());
        try
        {
            var one = await scope.StartAsync("sleep", first);
            var two = await scope.StartAsync("sh", "-c", $"sleep {second} & sleep {third}; wait");
            await Processes.EventuallyAsync(() => Processes.Sleeping(first).Count == 1 && Processes.Sleeping(second).Count == 1 && Processes.Sleeping(third).Count == 1, "the sleeps starting");

            await scope.Runtime.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Empty(Processes.WithMarker(first));
            Assert.Empty(Processes.WithMarker(second));
            Assert.Empty(Processes.WithMarker(third));
            Assert.True(one.Exited.IsCompleted && two.Exited.IsCompleted);
            Assert.Equal((137, 137), ((await one.Exited).ExitCode, (await two.Exited).ExitCode));
        }
        finally
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task CleanUp_kills_what_an_earlier_runtime_of_the_node_left()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();
        var left = await scope.StartAsync("sh", "-c", $"sleep {marker} & wait");
        await Processes.EventuallyAsync(() => Processes.Sleeping(marker).Count == 1, "the sleep starting");

        // The earlier runtime is not disposed, as if its silo had crashed.
        await using var next = new ProcessRuntime(scope.Options);
        await next.CleanUpAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        await Processes.EventuallyAsync(() => Processes.WithMarker(marker).Count == 0, "the left-over sleep dying");
        Assert.Equal(137, (await left.Exited.Within()).ExitCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(scope.Options.StateDirectory, scope.NodeName)));
    }

    [Fact]
    public async Task CleanUp_leaves_alone_a_process_that_reused_a_recorded_pid()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();
        using var stranger = Process.Start("sleep", marker);
        try
        {
            var records = Directory.CreateDirectory(Path.Combine(scope.Options.StateDirectory, scope.NodeName)).FullName;
            // The record's start time is not the stranger's: the recorded process ended and its pid went to the stranger.
            var startTime = long.Parse(File.ReadAllText($"/proc/{stranger.Id}/stat").Split(')')[1].Split(' ')[20], CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(records, $"{stranger.Id}.pid"), $"{stranger.Id} {startTime - 1}\n");

            await scope.Runtime.CleanUpAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.False(stranger.HasExited);
            Assert.Empty(Directory.GetFiles(records));
        }
        finally
        {
            stranger.Kill();
            await stranger.WaitForExitAsync();
        }
    }
}
