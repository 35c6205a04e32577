using System.Globalization;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// One small file per running container, <c>PID.pid</c> holding the pid and its start time, so that a silo that
/// crashed can find and kill its containers when it starts again. The start time tells a container's process from a
/// later process that was given the same pid.
/// </summary>
internal sealed class PidRecords(string directory)
{
    public void Add(int pid, long startTime)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(pid);
        File.WriteAllText(path + ".tmp", $"{pid} {startTime}\n");
        // Renamed into place so that a crash mid-write leaves no half record.
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public void Remove(int pid)
    {
        try
        {
            File.Delete(PathOf(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The clean-up at the next start removes it.
        }
    }

    /// <summary>The recorded processes that are still the processes recorded (same pid, same start time).</summary>
    public IReadOnlyList<int> LivePids()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var live = new List<int>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.pid"))
        {
            var parts = (ProcFs.ReadOrNull(file) ?? "").Split(' ', '\n');
            if (parts.Length >= 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime)
                && ProcFs.StartTime(pid) == startTime)
            {
                live.Add(pid);
            }
        }

        return live;
    }

    /// <summary>Removes every record (and any half-written one).</summary>
    public void Clear()
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next clean-up.
            }
        }
    }

    private string PathOf(int pid) => Path.Combine(directory, pid.ToString(CultureInfo.InvariantCulture) + ".pid");
}
