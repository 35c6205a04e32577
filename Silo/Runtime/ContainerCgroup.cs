using System.Globalization;

namespace OrleansKube.Silo.Runtime;

/// <summary>The cgroup v1 directories of one container run: memory, cpu and cpuacct, in that order.</summary>
internal sealed class ContainerCgroup(string[] directories)
{
    public IReadOnlyList<string> Directories => directories;

    public string Memory => directories[0];

    public string Cpu => directories[1];

    public string CpuAcct => directories[2];

    /// <summary>The files a process writes its pid into to join this container's cgroups.</summary>
    public IEnumerable<string> ProcsFiles => directories.Select(d => Path.Combine(d, "cgroup.procs"));

    /// <summary>CPU time used so far and the working set (usage less inactive page cache, as the kubelet counts it).</summary>
    public ContainerUsage? ReadUsage()
    {
        if (ReadLong(Path.Combine(CpuAcct, "cpuacct.usage")) is not { } nanoseconds
            || ReadLong(Path.Combine(Memory, "memory.usage_in_bytes")) is not { } usage)
        {
            return null;
        }

        var inactiveFile = ReadKey(Path.Combine(Memory, "memory.stat"), "total_inactive_file") ?? 0;
        return new ContainerUsage(TimeSpan.FromTicks(nanoseconds / 100), Math.Max(0, usage - inactiveFile));
    }

    /// <summary>
    /// Whether the kernel's OOM killer acted in this cgroup. Kernels before 4.13 have no <c>oom_kill</c> count; there a
    /// failure to charge memory at the limit stands in for it.
    /// </summary>
    public bool OomKilled()
    {
        var oomControl = Path.Combine(Memory, "memory.oom_control");
        return ReadKey(oomControl, "oom_kill") is { } kills
            ? kills > 0
            : ReadLong(Path.Combine(Memory, "memory.failcnt")) > 0;
    }

    /// <summary>Every process in any of the container's cgroups.</summary>
    public IReadOnlyList<int> Pids() => Pids(directories);

    public static IReadOnlyList<int> Pids(IEnumerable<string> cgroupDirectories) =>
        [.. cgroupDirectories
            .Select(d => ProcFs.ReadOrNull(Path.Combine(d, "cgroup.procs")))
            .SelectMany(text => text is null ? [] : ProcFs.ParsePids(text))
            .Distinct()];

    /// <summary>SIGKILLs every process left in the cgroups, then removes them once empty; false if some would not go.</summary>
    public Task<bool> KillAndRemoveAsync(TimeSpan timeout) => KillAndRemoveAsync(directories, timeout);

    public static async Task<bool> KillAndRemoveAsync(IReadOnlyList<string> cgroupDirectories, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var pid in Pids(cgroupDirectories))
            {
                ProcFs.Signal(pid, ProcFs.SigKill);
            }

            // rmdir fails with EBUSY while a process, even a dying one, is still in the cgroup.
            if (cgroupDirectories.All(TryRemove) || DateTime.UtcNow > deadline)
            {
                return cgroupDirectories.All(d => !Directory.Exists(d));
            }

            await Task.Delay(20);
        }
    }

    public void TryRemoveNow()
    {
        foreach (var directory in directories)
        {
            TryRemove(directory);
        }
    }

    private static bool TryRemove(string directory)
    {
        try
        {
            // A cgroup directory lists its control files but is removed with a plain rmdir.
            Directory.Delete(directory, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadLong(string path) =>
        long.TryParse(ProcFs.ReadOrNull(path)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? ReadKey(string path, string key)
    {
        foreach (var line in (ProcFs.ReadOrNull(path) ?? "").Split('\n'))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == key
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
