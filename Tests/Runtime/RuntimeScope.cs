using System.Globalization;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

/// <summary>
/// A process runtime for one test: a node name and directories of its own, so that tests running side by side never
/// see each other's containers, cgroups or records. Disposing it kills what is left and removes the directories.
/// </summary>
internal sealed class RuntimeScope : IAsyncDisposable
{
    private static int _markers;

    /// <param name="cgroupRoot">Where the runtime looks for cgroups; by default the system's.</param>
    public RuntimeScope(string? cgroupRoot = null)
    {
        NodeName = $"test-{Guid.NewGuid():N}"[..17];
        Directory = Path.Combine(Path.GetTempPath(), "okube-runtime-tests", NodeName);
        WorkingDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "work")).FullName;
        Options = new ProcessRuntimeOptions { NodeName = NodeName, StateDirectory = Path.Combine(Directory, "state") };
        if (cgroupRoot is not null)
        {
            Options.CgroupRoot = cgroupRoot;
        }

        Runtime = new ProcessRuntime(Options);
    }

    public string NodeName { get; }

    public string Directory { get; }

    public string WorkingDirectory { get; }

    public ProcessRuntimeOptions Options { get; }

    public ProcessRuntime Runtime { get; }

    public string LogPath { get; private set; } = "";

    /// <summary>
    /// A <c>sleep</c> argument no other test uses (GNU sleep takes fractions), so its processes can be found in /proc.
    /// </summary>
    public static string Marker() =>
        string.Create(CultureInfo.InvariantCulture, $"600.{Environment.ProcessId % 10000:D4}{Interlocked.Increment(ref _markers):D4}{Random.Shared.Next(1000):D3}");

    public ContainerLaunch Launch(
        IEnumerable<string> command,
        IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? environment = null,
        long? memoryLimitBytes = null,
        long? cpuLimitMillicores = null,
        long maxLogBytes = 1024 * 1024)
    {
        var name = $"c{Interlocked.Increment(ref _markers)}";
        LogPath = Path.Combine(Directory, "logs", name + ".log");
        return new ContainerLaunch
        {
            PodKey = "default/p",
            PodUid = Guid.NewGuid().ToString(),
            Container = new Container { Name = name, Command = [.. command], Args = [.. args ?? []] },
            Environment = environment ?? new Dictionary<string, string>(),
            WorkingDirectory = WorkingDirectory,
            LogPath = LogPath,
            MaxLogBytes = maxLogBytes,
            MemoryLimitBytes = memoryLimitBytes,
            CpuLimitMillicores = cpuLimitMillicores,
        };
    }

    public Task<IRunningContainer> StartAsync(params string[] command) => Runtime.StartAsync(Launch(command), CancellationToken.None);

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
