namespace OrleansKube.Tests.Runtime;

/// <summary>Where cgroups cannot be used, containers run without limits and the runtime says why.</summary>
public sealed class RuntimeLimitsTests : IDisposable
{
    private readonly string _fakeRoot = Directory.CreateTempSubdirectory("okube-cgroup-root").FullName;

    [Fact]
    public async Task Without_cgroup_controllers_limits_are_not_enforced_and_containers_still_run()
    {
        await using var scope = new RuntimeScope(_fakeRoot);
        var launch = scope.Launch(["sh", "-c", "while :; do :; done"], memoryLimitBytes: 32 * 1024 * 1024, cpuLimitMillicores: 100);

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        // The usage then comes from /proc, summed over the container's processes.
        await Processes.EventuallyAsync(() => container.ReadUsage()?.CpuTime > TimeSpan.FromMilliseconds(20), "using 20 ms of CPU");
        var usage = container.ReadUsage()!;
        await container.StopAsync(TimeSpan.Zero, CancellationToken.None).Within();

        Assert.False(scope.Runtime.Limits.Enforced);
        Assert.Equal($"cgroup v1 memory controller not found at {_fakeRoot}/memory", scope.Runtime.Limits.Message);
        Assert.True(usage.MemoryBytes > 0, $"memory {usage.MemoryBytes}");
    }

    [Fact]
    public async Task A_cgroup_v2_hierarchy_is_reported_as_not_enforced()
    {
        File.WriteAllText(Path.Combine(_fakeRoot, "cgroup.controllers"), "cpu memory\n");

        await using var scope = new RuntimeScope(_fakeRoot);

        Assert.False(scope.Runtime.Limits.Enforced);
        Assert.Contains("cgroup v2", scope.Runtime.Limits.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_fakeRoot, recursive: true);
}
