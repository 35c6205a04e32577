using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

/// <summary>Starting containers as processes: exit codes, environment, arguments, directory, refusals, exec.</summary>
public sealed class ProcessRuntimeTests
{
    [Theory]
    [InlineData("exit 0", 0, "Completed")]
    [InlineData("exit 3", 3, "Error")]
    public async Task A_container_reports_its_exit_code_and_reason(string script, int code, string reason)
    {
        await using var scope = new RuntimeScope();

        var container = await scope.StartAsync("sh", "-c", script);
        var exit = await container.Exited.Within();

        Assert.Equal(code, exit.ExitCode);
        Assert.Equal(reason, exit.Reason);
        Assert.Null(exit.Signal);
        Assert.StartsWith("process://", container.Id, StringComparison.Ordinal);
        Assert.Equal("process://1", scope.Runtime.Version);
    }

    [Fact]
    public async Task The_environment_is_the_containers_own_and_the_silos_PATH()
    {
        await using var scope = new RuntimeScope();
        var launch = scope.Launch(["env"], environment: new Dictionary<string, string> { ["GREETING"] = "hello world", ["PORT"] = "8080" });

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        await container.Exited.Within();

        Assert.Equal(
            ["GREETING=hello world", $"PATH={Environment.GetEnvironmentVariable("PATH")}", "PORT=8080"],
            scope.Log().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_container_that_sets_PATH_keeps_its_own()
    {
        await using var scope = new RuntimeScope();
        var launch = scope.Launch(["env"], environment: new Dictionary<string, string> { ["PATH"] = "/bin:/usr/bin" });

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        await container.Exited.Within();

        Assert.Equal("PATH=/bin:/usr/bin\n", scope.Log());
    }

    [Fact]
    public async Task Args_are_appended_to_the_command_and_reach_it_literally()
    {
        await using var scope = new RuntimeScope();
        var launch = scope.Launch(["printf", "[%s]\n"], args: ["$HOME;echo x", "two words", "*", "`id`"]);

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        var exit = await container.Exited.Within();

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("[$HOME;echo x]\n[two words]\n[*]\n[`id`]\n", scope.Log());
    }

    [Fact]
    public async Task A_container_starts_in_its_working_directory()
    {
        await using var scope = new RuntimeScope();

        var container = await scope.StartAsync("pwd");
        await container.Exited.Within();

        Assert.Equal(scope.WorkingDirectory + "\n", scope.Log());
    }

    [Fact]
    public async Task A_container_has_the_default_SIGPIPE_so_a_pipeline_ends_quietly()
    {
        await using var scope = new RuntimeScope();

        // With SIGPIPE ignored, as .NET leaves it for its children, yes would complain of a broken pipe instead of dying.
        var container = await scope.StartAsync("sh", "-c", "yes | head -n 2");
        var exit = await container.Exited.Within();

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("y\ny\n", scope.Log());
    }

    [Fact]
    public async Task A_container_without_a_command_is_a_configuration_error()
    {
        await using var scope = new RuntimeScope();

        var error = await Assert.ThrowsAsync<ContainerStartException>(() => scope.StartAsync());

        Assert.Equal("CreateContainerConfigError", error.Reason);
        Assert.Contains("has no command", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-program-okube", "exec: \"no-such-program-okube\": executable file not found in $PATH")]
    [InlineData("./missing", "exec: \"./missing\": stat ./missing: no such file or directory")]
    public async Task A_program_that_is_not_found_is_a_start_error(string program, string message)
    {
        await using var scope = new RuntimeScope();

        var error = await Assert.ThrowsAsync<ContainerStartException>(() => scope.StartAsync(program));

        Assert.Equal("StartError", error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Exec_runs_beside_the_container_with_its_environment_and_directory()
    {
        await using var scope = new RuntimeScope();
        var launch = scope.Launch(["sleep", RuntimeScope.Marker()], environment: new Dictionary<string, string> { ["ANSWER"] = "42" });
        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);

        var ok = await container.ExecAsync(["sh", "-c", "echo $ANSWER; pwd; echo oops >&2"], TimeSpan.FromSeconds(10), CancellationToken.None).Within();
        var failed = await container.ExecAsync(["sh", "-c", "exit 3"], TimeSpan.FromSeconds(10), CancellationToken.None).Within();
        var missing = await container.ExecAsync(["no-such-probe"], TimeSpan.FromSeconds(10), CancellationToken.None).Within();

        Assert.Equal(new ExecResult(0, $"42\n{scope.WorkingDirectory}\noops\n", TimedOut: false), ok);
        Assert.Equal(3, failed.ExitCode);
        Assert.False(failed.TimedOut);
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("executable file not found", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_is_killed_at_its_timeout_with_what_it_started()
    {
        await using var scope = new RuntimeScope();
        var container = await scope.StartAsync("sleep", RuntimeScope.Marker());
        var marker = RuntimeScope.Marker();

        var result = await container.ExecAsync(["sh", "-c", $"echo started; sleep {marker}"], TimeSpan.FromMilliseconds(500), CancellationToken.None).Within();

        Assert.True(result.TimedOut);
        Assert.Equal("started\n", result.Output);
        Assert.Empty(Processes.WithMarker(marker));
    }

    [Fact]
    public async Task Exec_output_is_bounded()
    {
        await using var scope = new RuntimeScope();
        var container = await scope.StartAsync("sleep", RuntimeScope.Marker());

        var result = await container.ExecAsync(["sh", "-c", "yes | head -c 100000"], TimeSpan.FromSeconds(10), CancellationToken.None).Within();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(10 * 1024, result.Output.Length);
    }

    [Fact]
    public async Task Cpu_time_and_memory_are_readable_while_it_runs_and_the_cpu_limit_holds()
    {
        await using var scope = new RuntimeScope();
        Assert.True(scope.Runtime.Limits.Enforced, scope.Runtime.Limits.Message);
        var launch = scope.Launch(["sh", "-c", "while :; do :; done"], cpuLimitMillicores: 200);
        var started = DateTime.UtcNow;
        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);

        // A second of running makes the difference plain: a fifth of it under the limit, all of it without.
        await Processes.EventuallyAsync(
            () => DateTime.UtcNow - started > TimeSpan.FromSeconds(1) && container.ReadUsage()?.CpuTime > TimeSpan.FromMilliseconds(50),
            "running a second and using 50 ms of CPU");
        var usage = container.ReadUsage()!;
        var elapsed = DateTime.UtcNow - started;
        await container.StopAsync(TimeSpan.Zero, CancellationToken.None).Within();

        Assert.True(usage.MemoryBytes > 0, $"memory {usage.MemoryBytes}");
        Assert.True(usage.CpuTime < elapsed * 0.2 + TimeSpan.FromMilliseconds(150), $"{usage.CpuTime} of CPU in {elapsed}");
        Assert.Null(container.ReadUsage());
    }
}
