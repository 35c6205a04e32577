namespace OrleansKube.Silo.Runtime;

/// <summary>Where the process runtime keeps its records and finds cgroups.</summary>
public sealed class ProcessRuntimeOptions
{
    /// <summary>
    /// The node whose containers this runtime runs; names the node's cgroups (<c>okube/NODE</c>) and its records, so that
    /// the next run of the same node cleans up what a crash left. Required.
    /// </summary>
    public string NodeName { get; set; } = "";

    /// <summary>
    /// Where the pid records of running containers are kept, in a subdirectory named after the node (so nodes may
    /// share it). Default: <c>okube/runtime</c> in the system's temporary directory.
    /// </summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "okube", "runtime");

    /// <summary>Where the cgroup hierarchies are mounted. Default <c>/sys/fs/cgroup</c>.</summary>
    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";
}
