using System.Globalization;
using System.Text;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// The node's cgroup v1 directories (<c>okube/NODE</c> in the memory, cpu and cpuacct hierarchies), under which each
/// container gets a cgroup of its own.
/// </summary>
/// <remarks>
/// The node's directories sit at the hierarchies' roots rather than under the silo's own cgroup, so that a restarted silo
/// (which may land in another cgroup) finds what its predecessor left. cgroup v2 is reported as not enforced.
/// </remarks>
internal sealed class NodeCgroups
{
    private const long CpuPeriodMicroseconds = 100_000;
    private const long MinCpuQuotaMicroseconds = 1_000;

    private static readonly (string Controller, string Probe)[] Controllers =
        [("memory", "memory.limit_in_bytes"), ("cpu", "cpu.cfs_quota_us"), ("cpuacct", "cpuacct.usage")];

    private readonly string[] _nodeDirectories;
    private int _sequence;

    private NodeCgroups(string[] nodeDirectories) => _nodeDirectories = nodeDirectories;

    /// <summary>The node's directories, in the order memory, cpu, cpuacct.</summary>
    public IReadOnlyList<string> NodeDirectories => _nodeDirectories;

    /// <summary>Finds the controllers under <paramref name="root"/> and creates the node's directories in them.</summary>
    public static NodeCgroups? TryCreate(string root, string nodeName, out string? problem)
    {
        if (File.Exists(Path.Combine(root, "cgroup.controllers")))
        {
            problem = $"{root} is a cgroup v2 (unified) hierarchy; the process runtime enforces limits through cgroup v1 only";
            return null;
        }

        var directories = new string[Controllers.Length];
        for (var i = 0; i < Controllers.Length; i++)
        {
            var (controller, probe) = Controllers[i];
            var hierarchy = Path.Combine(root, controller);
            if (!File.Exists(Path.Combine(hierarchy, probe)))
            {
                problem = $"cgroup v1 {controller} controller not found at {hierarchy}";
                return null;
            }

            directories[i] = Path.Combine(hierarchy, "okube", Sanitize(nodeName));
            try
            {
                Directory.CreateDirectory(directories[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot create the cgroup {directories[i]} ({e.Message}); the process runtime needs write access to cgroup v1, as root has";
                return null;
            }
        }

        problem = null;
        return new NodeCgroups(directories);
    }

    /// <summary>Creates the cgroups of one container run and sets its limits.</summary>
    public ContainerCgroup Create(string podUid, string containerName, long? memoryLimitBytes, long? cpuLimitMillicores)
    {
        var prefix = $"{Sanitize(podUid)}_{Sanitize(containerName)}_";
        string name;
        do
        {
            name = prefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        }
        while (_nodeDirectories.Any(d => Directory.Exists(Path.Combine(d, name))));

        var cgroup = new ContainerCgroup([.. _nodeDirectories.Select(d => Path.Combine(d, name))]);
        try
        {
            foreach (var directory in cgroup.Directories)
            {
                Directory.CreateDirectory(directory);
            }

            if (memoryLimitBytes is { } memory)
            {
                Write(cgroup.Memory, "memory.limit_in_bytes", memory);
                // Without a memsw limit the kernel would swap instead of killing; the file exists only with swap accounting.
                TryWrite(cgroup.Memory, "memory.memsw.limit_in_bytes", memory);
            }

            if (cpuLimitMillicores is { } millicores)
            {
                Write(cgroup.Cpu, "cpu.cfs_period_us", CpuPeriodMicroseconds);
                Write(cgroup.Cpu, "cpu.cfs_quota_us", Math.Max(MinCpuQuotaMicroseconds, millicores * CpuPeriodMicroseconds / 1000));
            }

            return cgroup;
        }
        catch
        {
            cgroup.TryRemoveNow();
            throw;
        }
    }

    /// <summary>Every container cgroup under the node's directories, deepest first, for the clean-up after a crash.</summary>
    public IEnumerable<string> LeftoverDirectories() =>
        _nodeDirectories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories))
            .OrderByDescending(d => d.Length);

    /// <summary>Removes the node's own directories once no container cgroup is left in them; a best effort.</summary>
    public void TryRemoveNodeDirectories() => new ContainerCgroup(_nodeDirectories).TryRemoveNow();

    /// <summary>A name made of the characters a cgroup directory may safely have, at most 100 of them.</summary>
    public static string Sanitize(string name)
    {
        var safe = new StringBuilder(Math.Min(name.Length, 100));
        foreach (var c in name.Take(100))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return safe.Length == 0 || safe.ToString() is "." or ".." ? "_" : safe.ToString();
    }

    private static void Write(string directory, string file, long value) =>
        File.WriteAllText(Path.Combine(directory, file), value.ToString(CultureInfo.InvariantCulture));

    private static void TryWrite(string directory, string file, long value)
    {
        try
        {
            if (File.Exists(Path.Combine(directory, file)))
            {
                Write(directory, file, value);
            }
        }
        catch (IOException)
        {
            // The memory limit itself is set; swap accounting is a refinement.
        }
    }
}
