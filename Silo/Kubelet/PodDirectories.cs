using System.Globalization;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// Where a pod lives on this node's disk: <c>pods/NS_NAME_UID/CONTAINER</c> is a container's working directory and
/// <c>logs/NS_NAME_UID/CONTAINER/N.log</c> the log of its N-th run (the current and the previous run are kept).
/// </summary>
internal sealed class PodDirectories(string dataDirectory, string @namespace, string name, string uid)
{
    private readonly string _podName = $"{@namespace}_{name}_{uid}";

    public string Root => Path.Combine(dataDirectory, "pods", _podName);

    public string LogRoot => Path.Combine(dataDirectory, "logs", _podName);

    public string WorkingDirectory(string container) => Path.Combine(Root, container);

    public string LogPath(string container, int run) =>
        Path.Combine(LogRoot, container, run.ToString(CultureInfo.InvariantCulture) + ".log");

    /// <summary>Creates the directories of a container's next run and drops logs older than the previous run.</summary>
    public (string WorkingDirectory, string LogPath) Prepare(string container, int run)
    {
        Directory.CreateDirectory(WorkingDirectory(container));
        var logs = Path.Combine(LogRoot, container);
        Directory.CreateDirectory(logs);
        foreach (var file in Directory.EnumerateFiles(logs))
        {
            var stem = Path.GetFileName(file).Split('.')[0];
            if (int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var older) && older < run - 1)
            {
                File.Delete(file);
            }
        }

        return (WorkingDirectory(container), LogPath(container, run));
    }

    /// <summary>Removes everything of the pod; what cannot be removed now is left for the node's next clean-up.</summary>
    public void Delete()
    {
        foreach (var directory in new[] { Root, LogRoot })
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
