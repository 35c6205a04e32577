namespace OrleansKube.Tests.Kubelet;

/// <summary>Finds processes on this machine by how their command line begins, to see what a pod really runs.</summary>
internal static class HostProcesses
{
    public static IReadOnlyList<int> StartingWith(string commandLine)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (text.StartsWith(commandLine, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>A <c>sleep</c> argument no other test uses: <c>600.N</c> seconds with a random fraction.</summary>
    public static string UniqueSleep() => $"600.{Random.Shared.Next(100_000, 999_999)}";
}
