using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

public sealed class SimulatedRuntimeTests
{
    private static ContainerLaunch Launch(params string[] command) => new()
    {
        PodKey = "default/p",
        PodUid = "uid",
        Container = new Container { Name = "c", Command = [.. command] },
        Environment = new Dictionary<string, string>(),
        WorkingDirectory = "/",
        LogPath = "/nonexistent/c.log",
    };

    [Fact]
    public async Task A_container_runs_until_it_is_stopped_and_then_has_completed()
    {
        await using var runtime = new SimulatedRuntime();

        var container = await runtime.StartAsync(Launch("server"), CancellationToken.None);
        var running = container.Exited.IsCompleted;
        var usage = container.ReadUsage();
        var exit = await container.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None).Within();

        Assert.False(running);
        Assert.Equal(new ContainerUsage(TimeSpan.Zero, 0), usage);
        Assert.Equal((0, "Completed"), (exit.ExitCode, exit.Reason));
        Assert.Null(container.ReadUsage());
        Assert.Equal(("simulated://1", false), (runtime.Version, runtime.Limits.Enforced));
        Assert.NotNull(runtime.Limits.Message);
    }

    [Fact]
    public async Task A_test_can_end_a_container_with_an_exit_code()
    {
        await using var runtime = new SimulatedRuntime();
        await runtime.StartAsync(Launch("server"), CancellationToken.None);

        runtime.Containers[0].Exit(137);
        var exit = await runtime.Containers[0].Exited.Within();

        Assert.Equal((137, 9, "Error"), (exit.ExitCode, exit.Signal, exit.Reason));
    }

    [Fact]
    public async Task Exec_succeeds_unless_a_test_says_otherwise()
    {
        await using var runtime = new SimulatedRuntime();
        var container = await runtime.StartAsync(Launch("server"), CancellationToken.None);

        var before = await container.ExecAsync(["probe"], TimeSpan.FromSeconds(1), CancellationToken.None);
        runtime.Exec = (_, command) => new ExecResult(1, string.Join(' ', command), TimedOut: false);
        var after = await container.ExecAsync(["probe", "x"], TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(new ExecResult(0, "", TimedOut: false), before);
        Assert.Equal(new ExecResult(1, "probe x", TimedOut: false), after);
    }

    [Fact]
    public async Task A_container_without_a_command_is_refused_as_by_the_process_runtime()
    {
        await using var runtime = new SimulatedRuntime();

        var error = await Assert.ThrowsAsync<ContainerStartException>(() => runtime.StartAsync(Launch(), CancellationToken.None));

        Assert.Equal("CreateContainerConfigError", error.Reason);
    }

    [Fact]
    public async Task Dispose_ends_every_container()
    {
        var runtime = new SimulatedRuntime();
        var container = await runtime.StartAsync(Launch("server"), CancellationToken.None);

        await runtime.DisposeAsync();

        Assert.True(container.Exited.IsCompleted);
    }
}
